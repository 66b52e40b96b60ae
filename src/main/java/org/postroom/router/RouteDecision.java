package org.postroom.router;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;

/** The router's answer for one recipient. */
public sealed interface RouteDecision {

    /** Deliver into these local mailboxes. */
    record Local(Set<User> users) implements RouteDecision {}

    /**
     * Goes outside, through the outbound queue: an outside recipient ({@code remote} is the address itself), or an
     * alias or group that forwards outside ({@code users} are its local members, delivered at once).
     */
    record Outbound(Set<User> users, Set<MailAddress> remote) implements RouteDecision {
        public Outbound {
            users = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(users));
            remote = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(remote));
            if (remote.isEmpty()) throw new IllegalArgumentException("outbound without an outside address");
        }
    }

    /** Do not accept this recipient, for this reason. */
    record Refused(Refusal reason) implements RouteDecision {}

    /** Why a recipient is refused; each door maps these to its protocol's replies, and logs and notes use {@link #text}. */
    enum Refusal {
        UNKNOWN_USER("unknown user"),
        MAILBOX_DISABLED("mailbox disabled"),
        RELAY_DENIED("outside the office, and this sender may not relay"),
        /** The sender is internal-only and the recipient is outside (or an alias that forwards outside). */
        INTERNAL_ONLY("the sender may send only inside the office"),
        /** The recipient is internal-only and the sender is outside the office. */
        INTERNAL_ONLY_RECIPIENT("the recipient takes mail only from inside the office"),
        LOCAL_SENDERS_ONLY("the list takes mail only from senders inside the office"),
        /** The recipient is outside, and no smarthost is configured to take it. */
        RELAY_NOT_CONFIGURED("no smarthost is configured"),
        OVER_QUOTA_TEMPORARY("mailbox full"),
        OVER_QUOTA_PERMANENT("mailbox full");

        private final String text;

        Refusal(String text) {
            this.text = text;
        }

        /** A few words for logs and {@code X-Postroom-Unresolved}. */
        public String text() {
            return text;
        }
    }
}
