package org.postroom.service;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.config.ConfigLoader;
import org.postroom.config.KeyLines;
import org.postroom.config.PostroomConfig;
import org.postroom.server.ReloadResult;

/**
 * The effective configuration, read-only, for {@code postroom config show}, {@code /api/v1/settings} and the settings
 * page: every setting as the running server uses it, secrets masked, and where it came from ({@code postroom.toml}
 * line N, or the default; Postroom reads no environment variables or command-line options for its settings). And
 * "reload", which is {@code postroom reload}'s {@code server.Reload}.
 *
 * <p>The settings are read off the typed records ({@link PostroomConfig}) by their component names written as TOML
 * keys (camelCase to snake_case); a record whose name differs from its key (e.g. {@code server.bind_address} for
 * {@code bind}) then shows as "default" even when the file sets it — the value shown is still the one in use.
 */
public final class SettingsService {
    /** Shown instead of any password or secret. */
    public static final String MASK = "********";

    private final Supplier<PostroomConfig> config;
    private final Path dataDir;
    private final Supplier<ReloadResult> reload;

    public SettingsService(Supplier<PostroomConfig> config, Path dataDir, Supplier<ReloadResult> reload) {
        this.config = config;
        this.dataDir = dataDir;
        this.reload = reload;
    }

    /** One setting: its dotted key, its value as text (masked when secret), and where it came from. */
    public record Setting(String key, String value, boolean secret, String source, int line) {}

    /** The whole configuration, and whether the file changed on disk since the server loaded it. */
    public record Settings(String file, boolean changedOnDisk, List<Setting> settings) {}

    public Settings show() throws IOException {
        Path file = dataDir.resolve(ConfigLoader.FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = "";
        }
        KeyLines lines = new KeyLines(text);
        List<Setting> out = new ArrayList<>();
        PostroomConfig c = config.get();
        for (RecordComponent part : PostroomConfig.class.getRecordComponents()) {
            if (part.getName().equals("dataDir")) continue;
            String table = part.getName().equals("collect") ? "collect.account" : snake(part.getName());
            flatten(table, read(part, c), lines, out);
        }
        boolean changed = org.postroom.server.LoadedConfig.changedOnDisk(dataDir);
        return new Settings(file.toString(), changed, out);
    }

    /** {@code postroom reload}: the running server reads the file again; the result says what applied and what needs a restart. */
    public ReloadResult reload() {
        return reload.get();
    }

    private static void flatten(String key, Object value, KeyLines lines, List<Setting> out) {
        if (value instanceof Record r) {
            for (RecordComponent part : r.getClass().getRecordComponents()) flatten(key + "." + snake(part.getName()), read(part, r), lines, out);
        } else if (key.equals("collect.account") && value instanceof List<?> accounts) {
            for (int i = 0; i < accounts.size(); i++) flatten(key + "[" + i + "]", accounts.get(i), lines, out);
        } else {
            String last = key.substring(key.lastIndexOf('.') + 1);
            boolean secret = last.contains("password") || last.contains("secret");
            String text = text(value);
            int line = lines.line(key);
            out.add(new Setting(key, secret && !text.isEmpty() ? MASK : text, secret, line > 0 ? ConfigLoader.FILE_NAME + " line " + line : "default", line));
        }
    }

    private static Object read(RecordComponent part, Object owner) {
        try {
            return part.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + part.getName(), e);
        }
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Optional<?> o -> o.map(SettingsService::text).orElse("");
            case Duration d -> duration(d);
            case Enum<?> e -> e.name().toLowerCase(Locale.ROOT);
            case Collection<?> list -> String.join(", ", list.stream().map(SettingsService::text).toList());
            default -> value.toString();
        };
    }

    /** As the file writes durations: 90s, 5m, 4h, 5d. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s != 0 && s % 86_400 == 0) return s / 86_400 + "d";
        if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
        if (s != 0 && s % 60 == 0) return s / 60 + "m";
        return d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
