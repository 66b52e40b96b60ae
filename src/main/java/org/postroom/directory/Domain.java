package org.postroom.directory;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * A domain this office receives mail for.
 *
 * @param name the domain in lower case, without a trailing dot
 * @param catchAll where mail for unknown local parts of this domain goes, if anywhere
 */
public record Domain(String name, Optional<MailAddress> catchAll) {
    public Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(catchAll, "catchAll");
    }

    /**
     * Domain names compare in lower case (RFC 5321 2.4). A trailing dot is not removed: the address parser refuses
     * it, and the directory does too, so {@code user@ours.} never passes for {@code user@ours}.
     */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
