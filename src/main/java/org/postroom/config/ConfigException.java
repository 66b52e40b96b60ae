package org.postroom.config;

import java.nio.file.Path;

/** A configuration that Postroom refuses to start with; the message names the file, the line and the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(Path file, int line, String key, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
