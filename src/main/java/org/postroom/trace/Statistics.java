package org.postroom.trace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code postroom stats}, counted from the trace's events: messages in (accepted over SMTP or submission), out
 * (relayed, per recipient), local (delivered, per mailbox), collected and refused, per day and per hour of the last
 * day; and per user, messages sent (by login) and received (per mailbox).
 */
public record Statistics(List<Period> days, List<Period> hours, Map<String, User> users) {

    /** The counts of one day ({@code 2026-12-07}) or hour ({@code 2026-12-07 09:00}). */
    public record Period(String period, int in, int out, int local, int collected, int refused) {
        Period add(EventKind kind, String door, int n) {
            return switch (kind) {
                case ACCEPTED -> SMTP_DOORS.contains(door) ? new Period(period, in + 1, out, local, collected, refused) : this;
                case RELAYED -> new Period(period, in, out + n, local, collected, refused);
                case DELIVERED -> new Period(period, in, out, local + n, collected, refused);
                case COLLECTED -> new Period(period, in, out, local, collected + 1, refused);
                case REFUSED -> new Period(period, in, out, local, collected, refused + 1);
                default -> this;
            };
        }
    }

    /** One user's messages: sent after logging in, received into their mailbox. */
    public record User(int sent, int received) {}

    private static final Set<String> SMTP_DOORS = Set.of("smtp", "submission", "submissions");

    /** Counts {@code events} (oldest first) into the {@code days} days up to {@code now}, in {@code zone}. */
    public static Statistics of(List<Event> events, int days, Instant now, ZoneId zone) {
        TreeMap<String, Period> byDay = new TreeMap<>();
        TreeMap<String, Period> byHour = new TreeMap<>();
        LocalDate today = now.atZone(zone).toLocalDate();
        for (int d = days - 1; d >= 0; d--) {
            String day = today.minusDays(d).toString();
            byDay.put(day, new Period(day, 0, 0, 0, 0, 0));
        }
        ZonedDateTime hourNow = now.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        for (int h = 23; h >= 0; h--) {
            String hour = hourKey(hourNow.minusHours(h));
            byHour.put(hour, new Period(hour, 0, 0, 0, 0, 0));
        }
        TreeMap<String, int[]> users = new TreeMap<>();
        for (Event e : events) {
            ZonedDateTime at = e.at().atZone(zone);
            int n = Math.max(1, e.addresses().size());
            byDay.computeIfPresent(at.toLocalDate().toString(), (k, p) -> p.add(e.kind(), e.door(), n));
            byHour.computeIfPresent(hourKey(at.truncatedTo(ChronoUnit.HOURS)), (k, p) -> p.add(e.kind(), e.door(), n));
            if (e.kind() == EventKind.ACCEPTED && !e.detail("login").isEmpty()) users.computeIfAbsent(e.detail("login"), k -> new int[2])[0]++;
            if (e.kind() == EventKind.DELIVERED) for (String mailbox : e.addresses()) users.computeIfAbsent(mailbox, k -> new int[2])[1]++;
        }
        Map<String, User> perUser = new TreeMap<>();
        users.forEach((k, v) -> perUser.put(k, new User(v[0], v[1])));
        return new Statistics(new ArrayList<>(byDay.values()), new ArrayList<>(byHour.values()), perUser);
    }

    private static String hourKey(ZonedDateTime hour) {
        return hour.toLocalDate() + " " + String.format("%02d:00", hour.getHour());
    }
}
