package org.postroom.directory;

import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * The postmaster, found here and nowhere else. RFC 5321 4.5.1 gives every mail domain a {@code postmaster};
 * Postroom makes one for the local domain at the first start ({@code DataFolder}). "The" postmaster is
 * {@code postmaster@} the first local domain (by name) where that address reaches somebody (a user, an alias, the
 * catch-all), else {@code postmaster@} the first local domain. It is what the bare {@code RCPT TO:<Postmaster>}
 * means (RFC 5321 4.1.1.3), where the queue's undeliverable notices go, and where the collector's unresolved mail
 * goes.
 */
public final class Postmaster {
    public static final String LOCAL_PART = "postmaster";

    private Postmaster() {}

    /** {@code postmaster@domain}. */
    public static MailAddress of(String domain) {
        return new MailAddress(LOCAL_PART, domain);
    }

    /** The office's postmaster; empty while there is no local domain. */
    public static Optional<MailAddress> primary(Directory directory) {
        var domains = directory.domains();
        for (Domain domain : domains) {
            MailAddress candidate = of(domain.name());
            if (directory.resolve(candidate) instanceof Resolution.Deliver) return Optional.of(candidate);
        }
        return domains.isEmpty() ? Optional.empty() : Optional.of(of(domains.getFirst().name()));
    }
}
