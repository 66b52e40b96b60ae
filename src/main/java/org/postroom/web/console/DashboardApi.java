package org.postroom.web.console;

import org.postroom.web.Reply;

/** {@code GET /api/v1/dashboard}: the dashboard's numbers ({@link org.postroom.service.DashboardService}). */
final class DashboardApi {
    private DashboardApi() {}

    private static final String PERIOD = """
            {"type":["object","null"],"properties":{"period":{"type":"string"},"in":{"type":"integer"},"out":{"type":"integer"},
            "local":{"type":"integer"},"collected":{"type":"integer"},"refused":{"type":"integer"}}}""";
    private static final String DASHBOARD = "{\"type\":\"object\",\"properties\":{\"ready\":{\"type\":\"boolean\"},"
            + "\"problems\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"today\":" + PERIOD + ",\"days\":{\"type\":\"array\",\"items\":"
            + PERIOD + "},\"queue\":" + QueueApi.SUMMARY + ",\"collector\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{"
            + "\"name\":{\"type\":\"string\"},\"server\":{\"type\":\"string\"},\"interval\":{\"type\":\"string\"},\"lastCycle\":{\"type\":[\"string\",\"null\"]},"
            + "\"nextCycle\":{\"type\":[\"string\",\"null\"]},\"lastError\":{\"type\":[\"string\",\"null\"]},\"lastMessages\":{\"type\":\"integer\"}}}},"
            + "\"disk\":{\"type\":\"object\",\"properties\":{\"measured\":{\"type\":\"string\"},\"totalBytes\":{\"type\":\"integer\"},"
            + "\"mailboxes\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"address\":{\"type\":\"string\"},"
            + "\"usedBytes\":{\"type\":\"integer\"},\"quotaBytes\":{\"type\":\"integer\"}}}}}},"
            + "\"certificate\":{\"type\":\"object\",\"properties\":{\"file\":{\"type\":\"string\"},\"subject\":{\"type\":[\"string\",\"null\"]},"
            + "\"notAfter\":{\"type\":[\"string\",\"null\"]},\"daysLeft\":{\"type\":\"integer\"},\"problem\":{\"type\":[\"string\",\"null\"]}}},"
            + "\"failedLoginsSinceStart\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}}}";

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/api/v1/dashboard", Access.ADMIN, r -> Reply.json(200, OpsRoutes.io(() -> services.ops().dashboard().show())))
                .doc("Services up, mail today and the last 30 days, the queue, the collector's accounts, disk use per mailbox, "
                        + "the certificate's expiry and failed logins", null, DASHBOARD);
    }
}
