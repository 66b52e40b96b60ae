package org.postroom.message;

import java.util.Locale;
import java.util.Objects;

/**
 * An envelope mailbox, {@code local-part@domain}, as RFC 5321 4.1.2 defines it (with the RFC 6531 extension
 * that lets both parts hold UTF-8). The local part is kept as written, unquoted; the domain is kept in lower
 * case without a trailing dot. Equality is exact: callers that match case-insensitively use {@link #key()}.
 */
public record MailAddress(String localPart, String domain) {

    public MailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (localPart.isEmpty()) throw new IllegalArgumentException("empty local part");
        if (domain.isEmpty()) throw new IllegalArgumentException("empty domain");
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code local@domain} as written in a command argument or a configuration; see {@link AddressParser}. */
    public static MailAddress parse(String text) {
        return AddressParser.parseMailbox(text);
    }

    /** The address in lower case: the key the directory matches on when local parts are case-insensitive. */
    public String key() {
        return localPart.toLowerCase(Locale.ROOT) + "@" + domain;
    }

    /** True when the local part must be quoted to be written back in a path (RFC 5321 4.1.2 Quoted-string). */
    public boolean needsQuoting() {
        return !AddressParser.isDotString(localPart);
    }

    /** The address as it goes on the wire in a path, quoted where needed. */
    @Override
    public String toString() {
        if (!needsQuoting()) return localPart + "@" + domain;
        StringBuilder quoted = new StringBuilder(localPart.length() + 2 + domain.length() + 1).append('"');
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c == '"' || c == '\\') quoted.append('\\');
            quoted.append(c);
        }
        return quoted.append("\"@").append(domain).toString();
    }
}
