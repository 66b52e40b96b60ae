package org.postroom.message;

import java.nio.charset.StandardCharsets;

/**
 * Parses envelope addresses by the grammar of RFC 5321 4.1.2, widened by RFC 6531 3.3 to UTF-8 in atoms,
 * quoted strings and domains. It is deliberately strict: every address that reaches the router has exactly
 * one {@code @}, a known local part and a domain without a trailing dot, so tricks such as
 * {@code user@other@local} or {@code user@local.} never look like something else further on.
 *
 * <p>SECURITY: the input is whatever a client sent. Nothing here interprets {@code %}, {@code !} or quoted
 * {@code @} as routing: they stay part of the local part, which the directory then does not know.
 */
public final class AddressParser {

    /** RFC 5321 4.5.3.1.1 - 4.5.3.1.3: the limits on a local part, a domain and a whole path, in octets. */
    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 255;
    public static final int MAX_PATH = 256;

    private AddressParser() {}

    /** A parsed {@code <...>} path: the null path {@code <>} has no address. */
    public record Path(MailAddress address) {
        public static final Path NULL = new Path(null);

        public boolean isNull() {
            return address == null;
        }
    }

    /**
     * Parses a path as in {@code MAIL FROM:<path>} or {@code RCPT TO:<path>}: angle brackets required, a source
     * route ({@code @a,@b:}) accepted and dropped (RFC 5321 4.1.2 and C: "SHOULD ignore"), {@code <>} when
     * {@code allowNull}.
     */
    public static Path parsePath(String text, boolean allowNull) {
        if (text.length() < 2 || text.charAt(0) != '<' || text.charAt(text.length() - 1) != '>') {
            throw new AddressSyntaxException("the address must be enclosed in <>");
        }
        String inner = text.substring(1, text.length() - 1);
        if (inner.isEmpty()) {
            if (allowNull) return Path.NULL;
            throw new AddressSyntaxException("the null path <> is not allowed here");
        }
        if (utf8Length(text) > MAX_PATH) throw new AddressSyntaxException("the path is longer than 256 octets");
        if (inner.charAt(0) == '@') inner = skipSourceRoute(inner);
        return new Path(parseMailbox(inner));
    }

    /** Parses {@code local-part@domain} with nothing around it. */
    public static MailAddress parseMailbox(String text) {
        if (text.isEmpty()) throw new AddressSyntaxException("empty address");
        int at;
        String localPart;
        if (text.charAt(0) == '"') {
            int close = endOfQuotedString(text);
            localPart = unquote(text.substring(0, close + 1));
            at = close + 1;
            if (at >= text.length() || text.charAt(at) != '@') throw new AddressSyntaxException("expected @ after the quoted local part");
        } else {
            at = text.indexOf('@');
            if (at < 0) throw new AddressSyntaxException("the address has no @domain");
            localPart = text.substring(0, at);
            if (!isDotString(localPart)) throw new AddressSyntaxException("the local part is not valid");
        }
        if (localPart.isEmpty()) throw new AddressSyntaxException("the local part is empty");
        if (utf8Length(localPart) > MAX_LOCAL_PART) throw new AddressSyntaxException("the local part is longer than 64 octets");
        // Lower-cased before checking: some capitals grow when lower-cased ('İ' becomes two characters).
        String domain = text.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        checkDomainOrLiteral(domain);
        return new MailAddress(localPart, domain);
    }

    /** RFC 5321 4.1.2 Dot-string: atoms of atext joined by single dots (UTF-8 allowed, RFC 6531). */
    public static boolean isDotString(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.') return false;
        char previous = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (previous == '.') return false;
            } else if (!isAtext(c)) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** RFC 5321 4.1.2 Domain: LDH labels joined by dots, no trailing dot; UTF-8 labels allowed (RFC 6531). */
    public static boolean isDomain(String s) {
        if (s.isEmpty() || utf8Length(s) > MAX_DOMAIN) return false;
        int start = 0;
        while (true) {
            int dot = s.indexOf('.', start);
            int end = dot < 0 ? s.length() : dot;
            if (!isLabel(s, start, end)) return false;
            if (dot < 0) return true;
            start = dot + 1;
        }
    }

    private static boolean isLabel(String s, int start, int end) {
        if (end <= start || end - start > 63) return false;
        if (s.charAt(start) == '-' || s.charAt(end - 1) == '-') return false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || isUtf8NonAscii(c);
            if (!ok) return false;
        }
        return true;
    }

    private static void checkDomainOrLiteral(String domain) {
        if (domain.isEmpty()) throw new AddressSyntaxException("the domain is empty");
        if (utf8Length(domain) > MAX_DOMAIN) throw new AddressSyntaxException("the domain is longer than 255 octets");
        if (domain.charAt(0) == '[') {
            // RFC 5321 4.1.3 address literal: kept as written; the router never treats it as local.
            if (domain.length() < 3 || domain.charAt(domain.length() - 1) != ']' || !isAddressLiteral(domain.substring(1, domain.length() - 1))) {
                throw new AddressSyntaxException("bad address literal");
            }
            return;
        }
        if (domain.endsWith(".")) throw new AddressSyntaxException("the domain must not end with a dot");
        if (!isDomain(domain)) throw new AddressSyntaxException("the domain is not valid");
    }

    /**
     * RFC 5321 4.1.3: an IPv4 dotted quad or {@code IPv6:addr}. The general {@code tag:content} form is refused:
     * no other tag is registered, and its content may hold {@code @ " >}, which would break "one @ per address".
     */
    private static boolean isAddressLiteral(String inner) {
        if (inner.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) return true;
        if (!inner.regionMatches(true, 0, "IPv6:", 0, 5)) return false;
        String address = inner.substring(5);
        if (!address.matches("[0-9A-Fa-f:.]+")) return false;
        try {
            return java.net.InetAddress.ofLiteral(address) instanceof java.net.Inet6Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String skipSourceRoute(String inner) {
        int colon = inner.indexOf(':');
        if (colon < 0) throw new AddressSyntaxException("bad source route");
        for (String hop : inner.substring(0, colon).split(",", -1)) {
            if (hop.length() < 2 || hop.charAt(0) != '@' || !isDomain(hop.substring(1))) {
                throw new AddressSyntaxException("bad source route");
            }
        }
        return inner.substring(colon + 1);
    }

    /** Index of the closing quote of the quoted string that starts at 0, validating its content (qtextSMTP). */
    private static int endOfQuotedString(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) break;
                char escaped = s.charAt(++i);
                if (escaped < 32 || escaped > 126) throw new AddressSyntaxException("bad quoted pair in the local part");
            } else if (c == '"') {
                return i;
            } else if (c < 32 || c == 127) {
                throw new AddressSyntaxException("control character in the local part");
            }
        }
        throw new AddressSyntaxException("unterminated quoted local part");
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') c = quoted.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isAtext(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || isUtf8NonAscii(c);
    }

    private static boolean isUtf8NonAscii(char c) {
        // Non-ASCII letters arrive decoded from UTF-8; C1 controls and unpaired surrogates never belong in an address.
        return c >= 0xA0 && !Character.isISOControl(c) && c != 0xFFFD;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
