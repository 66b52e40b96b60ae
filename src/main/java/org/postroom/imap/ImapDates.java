package org.postroom.imap;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** IMAP's dates (RFC 3501 9): {@code date-time} for INTERNALDATE and APPEND, {@code date} for SEARCH. */
public final class ImapDates {
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private ImapDates() {}

    /** {@code dd-Mon-yyyy hh:mm:ss +zzzz} ({@code date-day-fixed} may start with a space). */
    public static Instant parseDateTime(String text) throws ImapSyntaxException {
        String t = text.startsWith(" ") ? text.substring(1) : text;
        int space = t.indexOf(' ');
        if (space < 0) throw invalid(text);
        LocalDate date = parseDate(t.substring(0, space));
        String rest = t.substring(space + 1);
        // hh:mm:ss +zzzz
        if (rest.length() != 14 || rest.charAt(2) != ':' || rest.charAt(5) != ':' || rest.charAt(8) != ' ') throw invalid(text);
        try {
            int h = digits(rest, 0, 2);
            int m = digits(rest, 3, 2);
            int s = digits(rest, 6, 2);
            char sign = rest.charAt(9);
            if (sign != '+' && sign != '-') throw invalid(text);
            int zh = digits(rest, 10, 2);
            int zm = digits(rest, 12, 2);
            if (zm > 59) throw invalid(text);
            int offsetSeconds = (zh * 3600 + zm * 60) * (sign == '-' ? -1 : 1);
            return LocalDateTime.of(date.getYear(), date.getMonth(), date.getDayOfMonth(), h, m, s)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            throw invalid(text);
        }
    }

    /** {@code date-text}: {@code d-Mon-yyyy}. */
    public static LocalDate parseDate(String text) throws ImapSyntaxException {
        String[] parts = text.split("-", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 2 || parts[2].length() != 4) throw invalid(text);
        int month = MONTHS.indexOf(parts[1].toUpperCase(Locale.ROOT));
        if (month < 0) throw invalid(text);
        try {
            return LocalDate.of(digits(parts[2], 0, 4), month + 1, digits(parts[0], 0, parts[0].length()));
        } catch (DateTimeException e) {
            throw invalid(text);
        }
    }

    /** INTERNALDATE's form, {@code "07-Dec-2026 11:20:00 +0000"} without the quotes, in {@code zone}. */
    public static String format(Instant instant, ZoneOffset zone) {
        return DATE_TIME.format(ZonedDateTime.ofInstant(instant, zone));
    }

    private static int digits(String s, int from, int count) throws ImapSyntaxException {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw invalid(s);
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static ImapSyntaxException invalid(String text) {
        return new ImapSyntaxException("Invalid date: " + (text.length() > 40 ? text.substring(0, 40) : text));
    }
}
