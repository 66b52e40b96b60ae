package org.postroom.directory;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.postroom.message.MailAddress;

/** The directory's answer to "who receives mail sent to this address?" — see {@link Directory#resolve}. */
public sealed interface Resolution {

    /** The domain is not one of ours: the message is for somewhere else (relay rules apply). */
    record NotLocal() implements Resolution {}

    /**
     * The domain is ours but nobody receives mail at this address: no user, alias or group, no catch-all, or an
     * alias or group whose expansion reached nobody (all members disabled or removed).
     */
    record Unknown() implements Resolution {}

    /** The address is a user who has been disabled. */
    record Disabled(User user) implements Resolution {
        public Disabled {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * Deliver to these people. Never empty: an expansion that reaches nobody is {@link Unknown}.
     *
     * @param users enabled local users, each once however many ways they were reached, in the order first reached
     * @param external addresses outside the office's domains that aliases or groups forward to
     * @param localSendersOnly a group on the way accepts mail only from senders in the office's domains
     */
    record Deliver(Set<User> users, Set<MailAddress> external, boolean localSendersOnly) implements Resolution {
        public Deliver {
            users = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(users));
            external = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(external));
            if (users.isEmpty() && external.isEmpty()) throw new IllegalArgumentException("a delivery needs a recipient");
        }
    }

    Resolution NOT_LOCAL = new NotLocal();
    Resolution UNKNOWN = new Unknown();
}
