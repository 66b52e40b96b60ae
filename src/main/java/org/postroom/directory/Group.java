package org.postroom.directory;

import java.util.List;
import java.util.Objects;
import org.postroom.message.MailAddress;

/**
 * A distribution list. It differs from an alias in what it means to the administrator (people join and leave it)
 * and in one rule: a group can be closed to senders outside the office.
 *
 * @param members in the order they were added; users, aliases, other groups or outside addresses
 * @param localSendersOnly only senders in the office's own domains may write to it (the router enforces it)
 */
public record Group(MailAddress address, List<MailAddress> members, boolean localSendersOnly) {
    public Group {
        Objects.requireNonNull(address, "address");
        members = List.copyOf(members);
    }
}
