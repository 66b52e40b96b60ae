package org.postroom.intake;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;

/**
 * A message's envelope after routing.
 *
 * @param sender the reverse path, empty for the null sender {@code <>} (bounces)
 * @param recipients each accepted RCPT address with the users it reaches
 */
public record Envelope(Optional<MailAddress> sender, List<Recipient> recipients) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }

    /**
     * One accepted recipient as the client wrote it, the local users it resolved to, and the outside addresses it
     * leads to through the queue (the address itself, or an alias's outside targets).
     */
    public record Recipient(MailAddress address, Set<User> users, Set<MailAddress> remote) {
        public Recipient {
            users = Set.copyOf(users);
            remote = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(remote));
        }

        /** A recipient delivered locally only. */
        public Recipient(MailAddress address, Set<User> users) {
            this(address, users, Set.of());
        }
    }
}
