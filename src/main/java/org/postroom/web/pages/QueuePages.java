package org.postroom.web.pages;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.postroom.queue.AdminRequest;
import org.postroom.service.Audit;
import org.postroom.service.QueueService;
import org.postroom.service.RelayTestService;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleError;
import org.postroom.web.console.OpsRoutes;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.QueueApi;
import org.postroom.web.console.Routes;

/**
 * {@code /queue} (every message with its state, attempts, last error and next attempt; retry, hold, release,
 * bounce, delete; "Test smarthost") and {@code /queue/{id}}: {@link QueueService} through the API's own
 * {@link QueueApi#perform}, and {@link RelayTestService}, as {@code postroom queue} and {@code postroom relay test}.
 */
final class QueuePages {
    private QueuePages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/queue", Access.ADMIN, r -> {
            String state = r.query("state").orElse("").strip();
            String q = r.query("q").orElse("").strip();
            var query = new QueueService.Query(state.isEmpty() ? Optional.empty() : Optional.of(state), q.isEmpty() ? Optional.empty() : Optional.of(q), 0, 200);
            QueueService.Page page = OpsRoutes.io(() -> services.ops().queue().list(query));
            return Page.render(r, Page.frame(r, "Queue", "/queue"), "queue.jte", Map.of("queue", page, "state", state, "q", q));
        });
        routes.get("/queue/{id}", Access.ADMIN, r -> {
            String id = r.pathParam("id");
            var entry = OpsRoutes.io(() -> services.ops().queue().show(id)).orElseThrow(() -> ConsoleError.notFound("no message " + id + " in the queue"));
            return Page.render(r, Page.frame(r, "Message " + id, "/queue"), "queueEntry.jte", Map.of("entry", entry));
        });
        for (AdminRequest.Action action : AdminRequest.Action.values()) {
            String verb = action.name().toLowerCase(Locale.ROOT);
            routes.post("/queue/{id}/" + verb, Access.ADMIN, r -> {
                QueueService.Outcome outcome = QueueApi.perform(services, r, action);
                String where = action == AdminRequest.Action.DELETE || action == AdminRequest.Action.BOUNCE ? "/queue" : "/queue/" + Show.segment(r.pathParam("id"));
                return Page.redirect(where, outcome.message());
            });
        }
        routes.post("/queue/relay-test", Access.ADMIN, r -> {
            RelayTestService.Result result = OpsRoutes.io(() -> services.ops().relayTest().test());
            services.audit().record(r.requireCaller().address().toString(), "relay.test", "", result.ok() ? Audit.Outcome.OK : Audit.Outcome.FAILED,
                    result.ok() ? "" : result.note(), Map.of());
            Frame frame = Page.frame(r, "Test smarthost", "/queue");
            if (result.ok()) frame = new Frame(frame.title(), frame.active(), frame.user(), frame.admin(), frame.csrf(), "Every smarthost works", null);
            return Page.render(r, frame, "relayTest.jte", Map.of("result", result));
        });
    }
}
