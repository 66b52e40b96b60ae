package org.postroom.config;

/**
 * How recipient addresses match directory entries.
 *
 * @param recipientDelimiter characters that start a tag in a local part ({@code user+tag}); empty turns tags off
 * @param caseSensitiveLocalParts whether {@code Alice} and {@code alice} are different mailboxes (default: no)
 */
public record AddressRules(String recipientDelimiter, boolean caseSensitiveLocalParts) {
    public static final AddressRules DEFAULT = new AddressRules("+", false);

    public AddressRules {
        if (recipientDelimiter == null) recipientDelimiter = "";
    }
}
