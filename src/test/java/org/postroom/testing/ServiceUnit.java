package org.postroom.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read the way a test needs it where systemd is not PID 1 (containers, CI): its
 * {@code [Service]} keys, and the command line that starts {@code ExecStart} as systemd would for the parts
 * {@code setpriv} can reproduce: {@code User}/{@code Group}, {@code Environment} (and nothing else: {@code env -i}),
 * {@code AmbientCapabilities}, {@code CapabilityBoundingSet}, {@code NoNewPrivileges} and {@code UMask}. The
 * sandboxing keys (ProtectSystem, PrivateTmp, ...) need systemd's namespaces and are not reproduced.
 */
public final class ServiceUnit {
    private final Map<String, List<String>> service;

    private ServiceUnit(Map<String, List<String>> service) {
        this.service = service;
    }

    public static ServiceUnit read(Path file) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals("[Service]") && eq > 0) {
                keys.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
            }
        }
        return new ServiceUnit(keys);
    }

    /** The last value of a {@code [Service]} key (systemd: later assignments win), or "" when absent. */
    public String value(String key) {
        List<String> values = service.getOrDefault(key, List.of());
        return values.isEmpty() ? "" : values.getLast();
    }

    public List<String> values(String key) {
        return service.getOrDefault(key, List.of());
    }

    /** The capability names of a key, lower case without CAP_, for setpriv: "net_bind_service". */
    private List<String> capabilities(String key) {
        List<String> caps = new ArrayList<>();
        for (String value : values(key)) {
            for (String cap : value.split("\\s+")) if (!cap.isEmpty()) caps.add(cap.toLowerCase().replaceFirst("^cap_", ""));
        }
        return caps;
    }

    /** The command that starts {@code ExecStart} as described in the class comment. No quoting in ExecStart, as ours. */
    public List<String> startCommand() {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + value("User"),
                "--regid=" + (value("Group").isEmpty() ? value("User") : value("Group")), "--init-groups"));
        List<String> ambient = capabilities("AmbientCapabilities");
        if (!ambient.isEmpty()) {
            String plus = "+" + String.join(",+", ambient);
            command.add("--inh-caps=" + plus);
            command.add("--ambient-caps=" + plus);
        }
        List<String> bounding = capabilities("CapabilityBoundingSet");
        if (!bounding.isEmpty()) command.add("--bounding-set=-all,+" + String.join(",+", bounding));
        if (value("NoNewPrivileges").equals("yes")) command.add("--no-new-privs");
        command.addAll(List.of("--", "env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"));
        for (String environment : values("Environment")) command.addAll(List.of(environment.split("\\s+")));
        // env cannot set a umask; a shell between env and ExecStart does, then execs it (the PID stays the same).
        String umask = value("UMask").isEmpty() ? "0022" : value("UMask");
        command.addAll(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        command.addAll(List.of(value("ExecStart").split("\\s+")));
        return command;
    }

    /** {@code ExecReload} with {@code $MAINPID} filled in. */
    public List<String> reloadCommand(long mainPid) {
        return List.of(value("ExecReload").replace("$MAINPID", Long.toString(mainPid)).split("\\s+"));
    }
}
