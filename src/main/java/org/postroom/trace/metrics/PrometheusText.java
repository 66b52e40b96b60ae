package org.postroom.trace.metrics;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: for each metric family a {@code # HELP} line, a
 * {@code # TYPE} line, then one line per sample, {@code name{label="value",...} number}. Label values escape
 * backslash, double quote and line feed; help text escapes backslash and line feed (the format's only escapes).
 * The format is small enough to write here rather than bring in the Prometheus client and its registry model.
 */
public final class PrometheusText {
    /** The Content-Type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The metric types used here. */
    public enum Type { COUNTER, GAUGE }

    private final StringBuilder out = new StringBuilder(8192);
    private String family;

    /** Starts a family: its samples must follow, under this {@code name} (a counter's ends in {@code _total}). */
    public PrometheusText family(String name, Type type, String help) {
        checkName(name);
        if (type == Type.COUNTER && !name.endsWith("_total")) throw new IllegalArgumentException("a counter's name ends in _total: " + name);
        family = name;
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\') out.append("\\\\");
            else if (c == '\n') out.append("\\n");
            else out.append(c);
        }
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type == Type.COUNTER ? "counter" : "gauge").append('\n');
        return this;
    }

    /** A sample of the current family; {@code labels} alternate name and value. */
    public PrometheusText sample(double value, String... labels) {
        if (family == null) throw new IllegalStateException("a sample needs a family first");
        if (labels.length % 2 != 0) throw new IllegalArgumentException("labels come in name-value pairs");
        out.append(family);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                checkName(labels[i]);
                if (i > 0) out.append(',');
                out.append(labels[i]).append("=\"");
                escapeLabelValue(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    private void escapeLabelValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Whole numbers without a decimal point; NaN and infinities as the format spells them. */
    static String number(double value) {
        if (Double.isNaN(value)) return "NaN";
        if (Double.isInfinite(value)) return value > 0 ? "+Inf" : "-Inf";
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return Double.toString(value);
    }

    /** Metric and label names: {@code [a-zA-Z_][a-zA-Z0-9_]*} (colons are for recording rules). */
    private static void checkName(String name) {
        if (name.isEmpty()) throw new IllegalArgumentException("empty name");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) throw new IllegalArgumentException("not a metric or label name: " + name);
        }
    }

    /** Adds what another writer wrote (whole families). */
    public PrometheusText append(PrometheusText other) {
        out.append(other.out);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
