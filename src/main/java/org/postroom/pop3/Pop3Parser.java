package org.postroom.pop3;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Turns one command line (without its line end) into a {@link Pop3Command}. Never throws for any input: what does
 * not parse becomes {@link Pop3Command.Malformed} or {@link Pop3Command.Unknown}.
 *
 * <p>RFC 1939 3: a keyword, then arguments separated by single spaces; keywords are case-insensitive. Postroom
 * also accepts several spaces between arguments, except in PASS, whose one argument is the rest of the line
 * (RFC 1939 7 allows spaces in a password).
 *
 * <p>SECURITY: the line is whatever the client sent, already bounded in length and decoded as UTF-8.
 */
public final class Pop3Parser {
    /** Message numbers and line counts of more digits than this are refused rather than overflowed. */
    private static final int MAX_DIGITS = 9;

    private Pop3Parser() {}

    public static Pop3Command parse(String line) {
        int space = line.indexOf(' ');
        String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : line.substring(space + 1);
        Pop3Verb verb;
        try {
            verb = Pop3Verb.valueOf(keyword);
        } catch (IllegalArgumentException e) {
            return new Pop3Command.Unknown(keyword);
        }
        String[] args = rest.isBlank() ? new String[0] : rest.strip().split(" +");
        return switch (verb) {
            case USER -> args.length == 1 ? new Pop3Command.User(args[0]) : malformed(verb, "Syntax: USER name");
            case PASS -> rest.isEmpty() ? malformed(verb, "Syntax: PASS password") : new Pop3Command.Pass(rest);
            case AUTH -> auth(args);
            case CAPA -> args.length == 0 ? new Pop3Command.Capa() : noArguments(verb);
            case STLS -> args.length == 0 ? new Pop3Command.Stls() : noArguments(verb);
            case STAT -> args.length == 0 ? new Pop3Command.Stat() : noArguments(verb);
            case NOOP -> args.length == 0 ? new Pop3Command.Noop() : noArguments(verb);
            case RSET -> args.length == 0 ? new Pop3Command.Rset() : noArguments(verb);
            case QUIT -> args.length == 0 ? new Pop3Command.Quit() : noArguments(verb);
            case LIST -> optionalMessage(verb, args);
            case UIDL -> optionalMessage(verb, args);
            case RETR, DELE -> oneMessage(verb, args);
            case TOP -> top(args);
        };
    }

    private static Pop3Command auth(String[] args) {
        return switch (args.length) {
            case 0 -> new Pop3Command.Auth(null, null);
            case 1 -> new Pop3Command.Auth(args[0].toUpperCase(Locale.ROOT), null);
            case 2 -> new Pop3Command.Auth(args[0].toUpperCase(Locale.ROOT), args[1]);
            default -> malformed(Pop3Verb.AUTH, "Syntax: AUTH mechanism [initial-response]");
        };
    }

    private static Pop3Command optionalMessage(Pop3Verb verb, String[] args) {
        if (args.length > 1) return malformed(verb, "Syntax: " + verb + " [message-number]");
        if (args.length == 0) return verb == Pop3Verb.LIST ? new Pop3Command.List(OptionalInt.empty()) : new Pop3Command.Uidl(OptionalInt.empty());
        int n = number(args[0]);
        if (n < 0) return malformed(verb, "Invalid message number");
        return verb == Pop3Verb.LIST ? new Pop3Command.List(OptionalInt.of(n)) : new Pop3Command.Uidl(OptionalInt.of(n));
    }

    private static Pop3Command oneMessage(Pop3Verb verb, String[] args) {
        if (args.length != 1) return malformed(verb, "Syntax: " + verb + " message-number");
        int n = number(args[0]);
        if (n < 0) return malformed(verb, "Invalid message number");
        return verb == Pop3Verb.RETR ? new Pop3Command.Retr(n) : new Pop3Command.Dele(n);
    }

    private static Pop3Command top(String[] args) {
        if (args.length != 2) return malformed(Pop3Verb.TOP, "Syntax: TOP message-number lines");
        int n = number(args[0]);
        if (n < 0) return malformed(Pop3Verb.TOP, "Invalid message number");
        int lines = number(args[1]);
        if (lines < 0) return malformed(Pop3Verb.TOP, "Invalid number of lines");
        return new Pop3Command.Top(n, lines);
    }

    /** A decimal number of at most {@value #MAX_DIGITS} digits; -1 when it is not one. */
    private static int number(String text) {
        if (text.isEmpty() || text.length() > MAX_DIGITS) return -1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') return -1;
        }
        return Integer.parseInt(text);
    }

    private static Pop3Command noArguments(Pop3Verb verb) {
        return malformed(verb, "This command takes no arguments");
    }

    private static Pop3Command malformed(Pop3Verb verb, String text) {
        return new Pop3Command.Malformed(verb, Pop3Replies.ERR_SYNTAX.withText(text));
    }
}
