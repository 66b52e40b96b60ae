package org.postroom.server;

import java.util.List;
import java.util.Optional;

/**
 * What a reload of {@code postroom.toml} did, for the log, {@code postroom reload} and SIGHUP.
 *
 * @param applied what the running server now uses ("[relay]", "[[collect.account]]: ...")
 * @param needsRestart settings that changed but are used only at start ({@link RestartSettings})
 * @param error why nothing was applied: the file's error (file, line, key), or a TLS pair that does not load
 */
public record ReloadResult(List<String> applied, List<String> needsRestart, Optional<String> error) {
    public ReloadResult {
        applied = List.copyOf(applied);
        needsRestart = List.copyOf(needsRestart);
    }

    static ReloadResult failed(String error) {
        return new ReloadResult(List.of(), List.of(), Optional.of(error));
    }

    public boolean ok() {
        return error.isEmpty();
    }

    /** One line per fact, as the CLI prints them and the log shows them. */
    public List<String> lines() {
        if (error.isPresent()) return List.of("not reloaded, the running configuration stays: " + error.get());
        List<String> out = new java.util.ArrayList<>();
        out.add(applied.isEmpty() ? "reloaded: nothing changed" : "reloaded: " + String.join("; ", applied));
        for (String s : needsRestart) out.add("needs a restart: " + s);
        return out;
    }
}
