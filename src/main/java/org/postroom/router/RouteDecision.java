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

    /** Why a recipient is refused; each door maps these to its protocol's replies. */
    enum Refusal {
        UNKNOWN_USER,
        MAILBOX_DISABLED,
        RELAY_DENIED,
        INTERNAL_ONLY,
        LOCAL_SENDERS_ONLY,
        /** The recipient is outside, and no smarthost is configured to take it. */
        RELAY_NOT_CONFIGURED,
        OVER_QUOTA_TEMPORARY,
        OVER_QUOTA_PERMANENT
    }
}
