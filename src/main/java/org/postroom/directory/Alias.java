package org.postroom.directory;

import java.util.List;
import java.util.Objects;
import org.postroom.message.MailAddress;

/**
 * An address that forwards to other addresses: local users, other aliases, groups or addresses elsewhere.
 *
 * @param targets in the order they were added
 */
public record Alias(MailAddress address, List<MailAddress> targets) {
    public Alias {
        Objects.requireNonNull(address, "address");
        targets = List.copyOf(targets);
    }
}
