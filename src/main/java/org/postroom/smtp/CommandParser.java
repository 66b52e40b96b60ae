package org.postroom.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.postroom.message.AddressParser;
import org.postroom.message.AddressSyntaxException;

/**
 * Turns one command line (without its CRLF) into an {@link SmtpCommand}. Never throws for any input: a line that
 * does not parse becomes {@link SmtpCommand.Malformed} or {@link SmtpCommand.Unknown}.
 *
 * <p>SECURITY: the line is whatever the client sent, already checked for length and decoded as UTF-8.
 */
public final class CommandParser {
    private static final SmtpReply BAD_MAIL = Replies.C501_SYNTAX.withText("Syntax: MAIL FROM:<address>");
    private static final SmtpReply BAD_RCPT = Replies.C501_SYNTAX.withText("Syntax: RCPT TO:<address>");
    private static final SmtpReply BAD_BDAT = Replies.C501_SYNTAX.withText("Syntax: BDAT size [LAST]");
    private static final SmtpReply NO_ARGUMENTS = Replies.C501_SYNTAX.withText("This command takes no arguments");

    private CommandParser() {}

    public static SmtpCommand parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        return switch (verb) {
            case "EHLO", "HELO" -> hello(verb.equals("EHLO"), args);
            case "MAIL" -> mail(args);
            case "RCPT" -> rcpt(args);
            case "DATA" -> args.isEmpty() ? new SmtpCommand.Data() : new SmtpCommand.Malformed(NO_ARGUMENTS);
            case "BDAT" -> bdat(args);
            case "RSET" -> args.isEmpty() ? new SmtpCommand.Rset() : new SmtpCommand.Malformed(NO_ARGUMENTS);
            case "NOOP" -> new SmtpCommand.Noop(); // RFC 5321 4.1.1.9: a NOOP argument is ignored
            case "QUIT" -> args.isEmpty() ? new SmtpCommand.Quit() : new SmtpCommand.Malformed(NO_ARGUMENTS);
            case "HELP" -> new SmtpCommand.Help();
            case "VRFY" -> args.isEmpty() ? new SmtpCommand.Malformed(Replies.C501_SYNTAX) : new SmtpCommand.Vrfy();
            case "EXPN" -> new SmtpCommand.Expn();
            case "STARTTLS" -> args.isEmpty() ? new SmtpCommand.StartTls() : new SmtpCommand.Malformed(NO_ARGUMENTS);
            case "AUTH" -> auth(args);
            default -> new SmtpCommand.Unknown(verb);
        };
    }

    private static SmtpCommand hello(boolean extended, String args) {
        if (args.isEmpty() || args.indexOf(' ') >= 0) return new SmtpCommand.Malformed(Replies.C501_EHLO_SYNTAX);
        return new SmtpCommand.Hello(extended, args);
    }

    private static SmtpCommand mail(String args) {
        String rest = afterPrefix(args, "FROM:");
        if (rest == null) return new SmtpCommand.Malformed(BAD_MAIL);
        int end = endOfPath(rest);
        if (end < 0) return new SmtpCommand.Malformed(BAD_MAIL);
        try {
            var path = AddressParser.parsePath(rest.substring(0, end), true);
            Map<String, String> params = parameters(rest.substring(end));
            if (params == null) return new SmtpCommand.Malformed(Replies.C501_SYNTAX.withText("Bad MAIL FROM parameters"));
            return new SmtpCommand.Mail(path, params);
        } catch (AddressSyntaxException e) {
            return new SmtpCommand.Malformed(new SmtpReply(553, "5.1.7", "Bad sender address syntax: " + e.getMessage()));
        }
    }

    private static SmtpCommand rcpt(String args) {
        String rest = afterPrefix(args, "TO:");
        if (rest == null) return new SmtpCommand.Malformed(BAD_RCPT);
        int end = endOfPath(rest);
        if (end < 0) return new SmtpCommand.Malformed(BAD_RCPT);
        Map<String, String> params = parameters(rest.substring(end));
        if (params == null) return new SmtpCommand.Malformed(Replies.C501_SYNTAX.withText("Bad RCPT TO parameters"));
        String path = rest.substring(0, end);
        // RFC 5321 4.1.1.3: RCPT TO:<Postmaster> without a domain must be accepted.
        if (path.equalsIgnoreCase("<postmaster>")) return new SmtpCommand.Rcpt(null, true, params);
        try {
            return new SmtpCommand.Rcpt(AddressParser.parsePath(path, false), false, params);
        } catch (AddressSyntaxException e) {
            return new SmtpCommand.Malformed(new SmtpReply(553, "5.1.3", "Bad recipient address syntax: " + e.getMessage()));
        }
    }

    private static SmtpCommand bdat(String args) {
        String[] parts = args.split(" +");
        if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty() || parts[0].length() > 18) return new SmtpCommand.Malformed(BAD_BDAT);
        for (int i = 0; i < parts[0].length(); i++) {
            if (parts[0].charAt(i) < '0' || parts[0].charAt(i) > '9') return new SmtpCommand.Malformed(BAD_BDAT);
        }
        boolean last = parts.length == 2;
        if (last && !parts[1].equalsIgnoreCase("LAST")) return new SmtpCommand.Malformed(BAD_BDAT);
        return new SmtpCommand.Bdat(Long.parseLong(parts[0]), last);
    }

    private static SmtpCommand auth(String args) {
        if (args.isEmpty()) return new SmtpCommand.Malformed(Replies.C501_SYNTAX.withText("Syntax: AUTH mechanism [initial-response]"));
        String[] parts = args.split(" ");
        if (parts.length > 2) return new SmtpCommand.Malformed(Replies.C501_SYNTAX.withText("Syntax: AUTH mechanism [initial-response]"));
        return new SmtpCommand.Auth(parts[0].toUpperCase(Locale.ROOT), parts.length == 2 ? parts[1] : null);
    }

    /** The text after {@code FROM:}/{@code TO:} (case-insensitive), tolerating spaces after the colon as Postfix does. */
    private static String afterPrefix(String args, String prefix) {
        if (args.length() < prefix.length() || !args.regionMatches(true, 0, prefix, 0, prefix.length())) return null;
        return args.substring(prefix.length()).stripLeading();
    }

    /** The index just past the {@code >} that closes the path at the start of {@code s}, honouring quotes; -1 if none. */
    private static int endOfPath(String s) {
        if (s.isEmpty() || s.charAt(0) != '<') return -1;
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i + 1;
            }
        }
        return -1;
    }

    /** RFC 5321 4.1.2 Mail-parameters: {@code SP keyword[=value]}; null when malformed. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text.isEmpty()) return params;
        if (text.charAt(0) != ' ') return null;
        for (String item : text.strip().split(" +")) {
            if (item.isEmpty()) continue;
            int eq = item.indexOf('=');
            String key = (eq < 0 ? item : item.substring(0, eq)).toUpperCase(Locale.ROOT);
            if (key.isEmpty() || !key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-') || !Character.isLetterOrDigit(key.charAt(0))) {
                return null;
            }
            params.put(key, eq < 0 ? null : item.substring(eq + 1));
        }
        return params;
    }
}
