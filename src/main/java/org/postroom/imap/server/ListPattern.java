package org.postroom.imap.server;

import java.util.regex.Pattern;

/**
 * A LIST pattern (RFC 3501 6.3.8): the reference and the mailbox pattern joined, {@code *} matching anything and
 * {@code %} anything but the delimiter {@code /}. INBOX matches in any case (RFC 3501 5.1); other names exactly.
 */
final class ListPattern {
    private final Pattern regex;

    private ListPattern(Pattern regex) {
        this.regex = regex;
    }

    static ListPattern of(String reference, String pattern) {
        String whole = pattern.startsWith("/") || reference.isEmpty() ? pattern : reference + pattern;
        // "inbox", "Inbox/%" ...: INBOX in any case is INBOX
        if (whole.length() >= 5 && whole.substring(0, 5).equalsIgnoreCase("INBOX") && (whole.length() == 5 || whole.charAt(5) == '/')) {
            whole = "INBOX" + whole.substring(5);
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            char c = whole.charAt(i);
            if (c == '*' || c == '%') {
                if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                re.append(c == '*' ? ".*" : "[^/]*");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
        return new ListPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
