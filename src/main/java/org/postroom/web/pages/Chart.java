package org.postroom.web.pages;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of daily counts as inline SVG (no script, no external file), with the same numbers as a table for
 * screen readers and for anyone who wants the figures: the dashboard's 30 days of mail.
 *
 * @param title what is counted, the SVG's accessible name
 * @param series the name of each line, in the order of each day's counts
 * @param days the days, oldest first, each with one count per series
 */
public record Chart(String title, List<String> series, List<Day> days) {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 180;
    private static final int PAD = 24;

    /** One day's counts, one per series. */
    public record Day(String label, List<Long> counts) {}

    /** One series drawn: its name, CSS class ({@code s0}, {@code s1}, ...) and SVG polyline points. */
    public record Line(String name, String cssClass, String points) {}

    public Chart {
        series = List.copyOf(series);
        days = List.copyOf(days);
        for (Day d : days) {
            if (d.counts().size() != series.size()) throw new IllegalArgumentException(d.label() + " has " + d.counts().size() + " counts for " + series.size() + " series");
        }
    }

    /** The largest count, the top of the scale (at least 1, so an empty month still draws). */
    public long max() {
        long max = 1;
        for (Day d : days) for (long c : d.counts()) max = Math.max(max, c);
        return max;
    }

    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        long max = max();
        int n = Math.max(1, days.size() - 1);
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < days.size(); i++) {
                long x = PAD + Math.round((double) i * (WIDTH - 2 * PAD) / n);
                long y = HEIGHT - PAD - Math.round((double) days.get(i).counts().get(s) * (HEIGHT - 2 * PAD) / max);
                if (i > 0) points.append(' ');
                points.append(x).append(',').append(y);
            }
            out.add(new Line(series.get(s), "s" + (s % 6), points.toString()));
        }
        return out;
    }

    /** The y of the baseline and of the top line, for the axes. */
    public int baseline() {
        return HEIGHT - PAD;
    }

    public int top() {
        return PAD;
    }

    public int left() {
        return PAD;
    }

    public int right() {
        return WIDTH - PAD;
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }
}
