package org.postroom.web.pages;

/** One collector account on the dashboard: its schedule, its last cycle and error (times as {@link Show#when}). */
public record AccountRow(String name, String server, String interval, String lastCycle, String nextCycle, String lastError, int lastMessages) {
    public String link() {
        return "/collector/" + Show.segment(name);
    }
}
