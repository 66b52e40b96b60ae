package org.postroom.web.console;

import java.util.Map;
import org.postroom.server.ReloadResult;
import org.postroom.service.Audit;
import org.postroom.service.SettingsService;
import org.postroom.web.Reply;

/**
 * {@code /api/v1/settings}: the effective configuration, secrets masked, with where each value came from; and
 * {@code POST /api/v1/settings/reload}, which is {@code postroom reload} (audited).
 */
final class SettingsApi {
    private SettingsApi() {}

    private static final String SETTINGS = """
            {"type":"object","properties":{"file":{"type":"string"},"changedOnDisk":{"type":"boolean"},"settings":{"type":"array",
            "items":{"type":"object","properties":{"key":{"type":"string"},"value":{"type":"string"},"secret":{"type":"boolean"},
            "source":{"type":"string"},"line":{"type":"integer"}}}}}}""";
    private static final String RELOADED = """
            {"type":"object","properties":{"ok":{"type":"boolean"},"applied":{"type":"array","items":{"type":"string"}},
            "needsRestart":{"type":"array","items":{"type":"string"}},"message":{"type":"string"}}}""";

    static void register(Routes routes, ConsoleServices services) {
        SettingsService settings = services.ops().settings();
        routes.get("/api/v1/settings", Access.ADMIN, r -> Reply.json(200, OpsRoutes.io(settings::show)))
                .doc("The effective configuration, secrets masked, and where each value came from (postroom.toml line N, or the default)",
                        null, SETTINGS);
        routes.post("/api/v1/settings/reload", Access.ADMIN, r -> {
            ReloadResult result = settings.reload();
            String message = String.join("; ", result.lines());
            OpsRoutes.audit(services, r, "settings.reload", "postroom.toml", result.ok() ? Audit.Outcome.OK : Audit.Outcome.REFUSED,
                    result.ok() ? "" : message);
            if (!result.ok()) throw ConsoleError.unprocessable(result.lines().isEmpty() ? "postroom.toml has an error" : result.lines().getFirst());
            return Reply.json(200, Map.of("ok", true, "applied", result.applied(), "needsRestart", result.needsRestart(), "message", message));
        }).doc("Read postroom.toml again and apply what a running server can (as postroom reload and SIGHUP do)", null, RELOADED);
    }
}
