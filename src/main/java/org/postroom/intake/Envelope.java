package org.postroom.intake;

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

    /** One accepted recipient as the client wrote it, and the local users it resolved to. */
    public record Recipient(MailAddress address, Set<User> users) {
        public Recipient {
            users = Set.copyOf(users);
        }
    }
}
