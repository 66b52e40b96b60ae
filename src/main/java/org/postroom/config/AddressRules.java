package org.postroom.config;

/**
 * How recipient addresses match directory entries, and what becomes of a local address nobody takes.
 *
 * @param recipientDelimiter characters that start a tag in a local part ({@code user+tag}); empty turns tags off
 * @param caseSensitiveLocalParts whether {@code Alice} and {@code alice} are different mailboxes (default: no)
 * @param unknownLocal a recipient in a local domain that no user, alias, group or catch-all takes
 */
public record AddressRules(String recipientDelimiter, boolean caseSensitiveLocalParts, UnknownLocal unknownLocal) {
    public static final AddressRules DEFAULT = new AddressRules("+", false);

    /**
     * {@code [addresses] unknown_local}: refuse such a recipient ({@code 550 5.1.1}), or send it out through the
     * smarthost like an outside address, for an office that keeps some colleagues at the provider while it moves.
     */
    public enum UnknownLocal { REJECT, RELAY }

    public AddressRules {
        if (recipientDelimiter == null) recipientDelimiter = "";
        if (unknownLocal == null) unknownLocal = UnknownLocal.REJECT;
    }

    public AddressRules(String recipientDelimiter, boolean caseSensitiveLocalParts) {
        this(recipientDelimiter, caseSensitiveLocalParts, UnknownLocal.REJECT);
    }
}
