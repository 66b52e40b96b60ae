package org.postroom.web.console;

import org.postroom.service.StatsService;
import org.postroom.web.Reply;

/** {@code GET /api/v1/stats?days=}: mail in, out, local, collected and refused ({@link StatsService}). */
final class StatsApi {
    private StatsApi() {}

    private static final String PERIOD = """
            {"type":"object","properties":{"period":{"type":"string"},"in":{"type":"integer"},"out":{"type":"integer"},
            "local":{"type":"integer"},"collected":{"type":"integer"},"refused":{"type":"integer"}}}""";
    private static final String STATS = "{\"type\":\"object\",\"properties\":{\"queued\":{\"type\":\"integer\"},"
            + "\"days\":{\"type\":\"array\",\"items\":" + PERIOD + "},\"hours\":{\"type\":\"array\",\"items\":" + PERIOD + "},"
            + "\"users\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"object\",\"properties\":{\"sent\":{\"type\":\"integer\"},"
            + "\"received\":{\"type\":\"integer\"}}}}}}";

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/api/v1/stats", Access.ADMIN, r -> {
            int days = OpsRoutes.intQuery(r, "days", 30, 1, 3650);
            return Reply.json(200, OpsRoutes.io(() -> services.ops().stats().stats(days)));
        }).doc("Messages in, out, local, collected and refused per day and per hour of the last day, per user, and the queue's size",
                null, STATS).queryParam("days", "how many days back (default 30, at most 3650)");
    }
}
