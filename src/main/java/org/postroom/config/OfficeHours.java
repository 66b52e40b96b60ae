package org.postroom.config;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * A daily time window such as {@code "07:00-19:00"} (the server's time zone), for a collect account that should
 * only run its schedule during office hours. A window whose end is before its start runs over midnight.
 */
public record OfficeHours(LocalTime from, LocalTime to) {

    /** Parses {@code "HH:MM-HH:MM"}. */
    public static OfficeHours parse(String text) {
        String[] parts = text.strip().split("-");
        if (parts.length != 2) throw new IllegalArgumentException("must look like \"07:00-19:00\"");
        try {
            return new OfficeHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must look like \"07:00-19:00\"", e);
        }
    }

    public boolean contains(LocalTime time) {
        if (from.equals(to)) return true;
        if (from.isBefore(to)) return !time.isBefore(from) && time.isBefore(to);
        return !time.isBefore(from) || time.isBefore(to);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
