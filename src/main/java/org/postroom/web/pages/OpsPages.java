package org.postroom.web.pages;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.postroom.server.ReloadResult;
import org.postroom.service.Audit;
import org.postroom.service.SettingsService;
import org.postroom.service.TraceService;
import org.postroom.web.console.OpsRoutes;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/**
 * {@code /trace?q=} (each message's steps and verdict: {@link TraceService}, as {@code postroom trace}) and
 * {@code /settings} (the effective configuration with secrets masked and where each value came from, and reload:
 * {@link SettingsService}, as {@code postroom reload}).
 */
final class OpsPages {
    /** How far back the trace page looks, as {@code postroom trace}'s default. */
    private static final Duration SINCE = Duration.ofDays(30);

    private OpsPages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/trace", Access.ADMIN, r -> {
            String q = r.query("q").orElse("").strip();
            List<TraceService.StoryView> stories = q.isEmpty() ? List.of() : OpsRoutes.io(() -> services.ops().trace().find(q, SINCE, 50));
            return Page.render(r, Page.frame(r, "Trace", "/trace"), "trace.jte", Map.of("q", q, "stories", stories));
        });
        routes.get("/settings", Access.ADMIN, r -> {
            SettingsService.Settings settings = OpsRoutes.io(() -> services.ops().settings().show());
            return Page.render(r, Page.frame(r, "Settings", "/settings"), "settings.jte", Map.of("settings", settings));
        });
        routes.post("/settings/reload", Access.ADMIN, r -> {
            ReloadResult result = services.ops().settings().reload();
            String message = String.join("; ", result.lines());
            services.audit().record(r.requireCaller().address().toString(), "settings.reload", "postroom.toml",
                    result.ok() ? Audit.Outcome.OK : Audit.Outcome.REFUSED, result.ok() ? "" : message, Map.of());
            return Page.redirect("/settings", (result.ok() ? "Reloaded: " : "Not reloaded: ") + (message.isEmpty() ? "nothing changed" : message));
        });
    }
}
