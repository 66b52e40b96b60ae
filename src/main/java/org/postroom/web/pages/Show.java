package org.postroom.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.postroom.service.Quotas;

/** How the pages write sizes, times and ages for people (the API keeps bytes and ISO-8601 instants). */
public final class Show {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String UNITS = "KMGT";

    private Show() {}

    /** {@code 1.5 MiB}, {@code 512 bytes}. */
    public static String bytes(long n) {
        if (n < 1024) return n + " bytes";
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit + 1 < UNITS.length()) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %siB" : "%.0f %siB", v, UNITS.charAt(unit));
    }

    /** The exact size as a form field shows it: {@code 100M}, {@code 1536K}, or bytes. */
    public static String sizeInput(long n) {
        return Quotas.exact(n);
    }

    /** The path segment for an address or id in a link ({@code /users/ann%40office.test}). */
    public static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An ISO-8601 instant as the services give it ({@code 2026-12-07T15:20:28.337Z}), to the second; anything else as it is. */
    public static String when(String iso) {
        if (iso == null || iso.isEmpty()) return "";
        try {
            return TIME.format(Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** {@code 3 min ago}, {@code in 2 h}. */
    public static String age(Instant t, Instant now) {
        if (t == null) return "";
        Duration d = Duration.between(t, now);
        boolean past = !d.isNegative();
        d = d.abs();
        String span = d.toMinutes() < 1 ? d.toSeconds() + " s" : d.toHours() < 1 ? d.toMinutes() + " min" : d.toDays() < 1 ? d.toHours() + " h" : d.toDays() + " d";
        return past ? span + " ago" : "in " + span;
    }
}
