package org.postroom.web.console;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.postroom.queue.AdminRequest;
import org.postroom.service.QueueService;
import org.postroom.web.Reply;

/**
 * {@code /api/v1/queue}: the outbound queue ({@link QueueService}), listed a page at a time, one message in full, and
 * retry, hold, release, bounce and delete. Every action is audited (who, which message, how it ended).
 */
public final class QueueApi {
    private QueueApi() {}

    static final String ENTRY = """
            {"type":"object","properties":{"id":{"type":"string"},"sender":{"type":"string"},"recipients":{"type":"array","items":{"type":"string"}},
            "size":{"type":"integer"},"created":{"type":"string"},"ageSeconds":{"type":"integer"},"state":{"type":"string"},
            "attempts":{"type":"integer"},"lastError":{"type":["string","null"]},"configProblem":{"type":"boolean"},
            "nextAttempt":{"type":["string","null"]},"held":{"type":["string","null"]},"kind":{"type":"string"}}}""";
    static final String SUMMARY = """
            {"type":"object","properties":{"total":{"type":"integer"},"held":{"type":"integer"},"deferred":{"type":"integer"},
            "configProblems":{"type":"integer"},"oldest":{"type":["string","null"]},"oldestAgeSeconds":{"type":"integer"}}}""";
    private static final String PAGE = "{\"type\":\"object\",\"properties\":{\"summary\":" + SUMMARY + ",\"matched\":{\"type\":\"integer\"},"
            + "\"offset\":{\"type\":\"integer\"},\"limit\":{\"type\":\"integer\"},\"messages\":{\"type\":\"array\",\"items\":" + ENTRY + "},"
            + "\"unreadable\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";
    private static final String DETAIL = "{\"type\":\"object\",\"properties\":{\"message\":" + ENTRY + ",\"eightBit\":{\"type\":\"boolean\"},"
            + "\"smtpUtf8\":{\"type\":\"boolean\"},\"delayNoticeSent\":{\"type\":\"boolean\"},\"recipients\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}}";
    static final String ACTION = """
            {"type":"object","properties":{"ok":{"type":"boolean"},"message":{"type":"string"},"ids":{"type":"array","items":{"type":"string"}}}}""";

    static void register(Routes routes, ConsoleServices services) {
        QueueService queue = services.ops().queue();
        routes.get("/api/v1/queue", Access.ADMIN, r -> {
            QueueService.Query query;
            try {
                query = new QueueService.Query(r.query("state"), r.query("q"), OpsRoutes.intQuery(r, "offset", 0, 0, Integer.MAX_VALUE),
                        OpsRoutes.intQuery(r, "limit", 100, 1, QueueService.MAX_LIMIT));
            } catch (IllegalArgumentException e) {
                throw ConsoleError.invalid(e.getMessage());
            }
            return Reply.json(200, OpsRoutes.io(() -> queue.list(query)));
        }).doc("The queued messages, a page at a time, with the whole queue's summary", null, PAGE)
                .queryParam("state", "held, deferred, pending, bouncing or done")
                .queryParam("q", "a piece of the id, the sender or a recipient")
                .queryParam("offset", "how many matching messages to skip (default 0)")
                .queryParam("limit", "how many to list (default 100, at most 1000)");
        routes.get("/api/v1/queue/{id}", Access.ADMIN, r -> {
            String id = r.pathParam("id");
            return Reply.json(200, OpsRoutes.io(() -> queue.show(id)).orElseThrow(() -> ConsoleError.notFound("no message " + id + " in the queue")));
        }).doc("One queued message, recipient by recipient", null, DETAIL);
        for (AdminRequest.Action action : new AdminRequest.Action[] {AdminRequest.Action.RETRY, AdminRequest.Action.HOLD,
                AdminRequest.Action.RELEASE, AdminRequest.Action.BOUNCE}) {
            String verb = action.name().toLowerCase(Locale.ROOT);
            routes.post("/api/v1/queue/{id}/" + verb, Access.ADMIN, r -> act(services, r, action))
                    .doc(switch (action) {
                        case RETRY -> "Try to deliver the message now, whatever the schedule says (a held message stays held)";
                        case HOLD -> "Stop trying to deliver the message until it is released";
                        case RELEASE -> "Release a held message: it is tried at once";
                        default -> "Give up on the message: every recipient not yet delivered fails and the sender gets a bounce";
                    }, null, ACTION);
        }
        routes.delete("/api/v1/queue/{id}", Access.ADMIN, r -> act(services, r, AdminRequest.Action.DELETE))
                .doc("Remove the message from the queue; nobody is told", null, ACTION);
    }

    private static Reply act(ConsoleServices services, ConsoleRequest r, AdminRequest.Action action) {
        QueueService.Outcome outcome = perform(services, r, action);
        return Reply.json(200, Map.of("ok", true, "message", outcome.message(), "ids", outcome.ids()));
    }

    /**
     * The action on the message {@code {id}} for the signed-in admin (audited by {@link QueueService#act}); the queue
     * page posts through here too. A refusal is thrown as the {@link ConsoleError} the API answers with.
     */
    public static QueueService.Outcome perform(ConsoleServices services, ConsoleRequest r, AdminRequest.Action action) {
        String id = r.pathParam("id");
        QueueService.Outcome outcome = OpsRoutes.io(() -> services.ops().queue().act(OpsRoutes.who(r), action, Optional.of(id)));
        return switch (outcome.status()) {
            case DONE -> outcome;
            case NO_SUCH -> throw ConsoleError.notFound(outcome.message());
            case CONFLICT -> throw ConsoleError.conflict(outcome.message());
            case UNAVAILABLE -> throw ConsoleError.unavailable(outcome.message());
        };
    }
}
