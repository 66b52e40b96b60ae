package org.postroom.config;

/**
 * Where each key of a {@code postroom.toml} text is written, for the settings page's "where each value came from":
 * the same reading that names lines in configuration errors ({@link TomlLines}).
 */
public final class KeyLines {
    private final TomlLines lines;

    public KeyLines(String text) {
        this.lines = new TomlLines(text.lines().toList());
    }

    /** The 1-based line of {@code smtp.port} or {@code collect.account[0].login}; 0 when the file does not set it. */
    public int line(String dottedKey) {
        return lines.line(dottedKey);
    }
}
