package org.postroom.imap.search;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The day of a Date header (RFC 5322 3.3), read leniently for SENTBEFORE/SENTON/SENTSINCE: "disregarding time and
 * timezone" (RFC 3501 6.4.4), so only day, month and year matter. Two-digit years as RFC 5322 4.3 says.
 */
final class SentDate {
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private SentDate() {}

    /** The day, or null when the text holds no date. */
    static LocalDate parse(String text) {
        if (text == null) return null;
        String[] tokens = text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        for (int i = 1; i + 1 < tokens.length; i++) {
            int month = tokens[i].length() >= 3 ? MONTHS.indexOf(tokens[i].substring(0, 3)) : -1;
            if (month < 0 || !digits(tokens[i - 1]) || !digits(tokens[i + 1])) continue;
            try {
                int day = Integer.parseInt(tokens[i - 1]);
                int year = Integer.parseInt(tokens[i + 1]);
                if (tokens[i + 1].length() <= 2) year += year < 50 ? 2000 : 1900;
                else if (tokens[i + 1].length() == 3) year += 1900;
                return LocalDate.of(year, month + 1, day);
            } catch (DateTimeException | NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 4) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
