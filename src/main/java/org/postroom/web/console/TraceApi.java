package org.postroom.web.console;

import java.time.Duration;
import org.postroom.service.TraceService;
import org.postroom.web.Reply;

/** {@code GET /api/v1/trace?q=&since=&limit=}: where did the mail go ({@link TraceService}). */
final class TraceApi {
    private TraceApi() {}

    private static final String STORIES = """
            {"type":"array","items":{"type":"object","properties":{"message":{"type":"string"},"messageId":{"type":"string"},
            "verdict":{"type":"string"},"steps":{"type":"array","items":{"type":"object","properties":{"at":{"type":"string"},
            "kind":{"type":"string"},"door":{"type":"string"},"messageId":{"type":"string"},"client":{"type":"string"},
            "sender":{"type":"string"},"addresses":{"type":"array","items":{"type":"string"}},"details":{"type":"object"}}}}}}}""";

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/api/v1/trace", Access.ADMIN, r -> {
            String q = r.query("q").filter(s -> !s.isBlank())
                    .orElseThrow(() -> ConsoleError.invalid("q is required: an address, a Message-ID, a queue id or an IP address"));
            Duration since;
            try {
                since = TraceService.age(r.query("since").filter(s -> !s.isBlank()).orElse("2d"), "since");
            } catch (IllegalArgumentException e) {
                throw ConsoleError.invalid(e.getMessage());
            }
            int limit = OpsRoutes.intQuery(r, "limit", 20, 1, 100);
            return Reply.json(200, OpsRoutes.io(() -> services.ops().trace().find(q, since, limit)));
        }).doc("The messages matching an address, a Message-ID, a queue id or a client IP, most recent first, each with its steps and verdict",
                null, STORIES)
                .queryParam("q", "an address, a Message-ID, a queue id or a client IP address (required)")
                .queryParam("since", "only messages with a step this recent: 30m, 12h, 2d (default 2d)")
                .queryParam("limit", "at most this many messages (default 20, at most 100)");
    }
}
