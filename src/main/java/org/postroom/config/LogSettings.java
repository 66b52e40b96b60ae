package org.postroom.config;

/**
 * {@code [log]}: the log file {@code data/logs/postroom.log}, rotated by size. When it passes {@code maxSize} it
 * becomes {@code postroom.1.log} (the older ones shift up one) and a new one starts; beyond {@code keep} rotated
 * files the oldest is removed, so the logs never take more than about {@code (keep + 1) * maxSize}.
 *
 * @param maxSize bytes a log file may reach before it is rotated
 * @param keep rotated files kept besides the current one (at most {@link #MAX_KEEP}: logback's window)
 */
public record LogSettings(long maxSize, int keep) {
    public static final int MAX_KEEP = 20;
    public static final LogSettings DEFAULT = new LogSettings(10L << 20, 10);
}
