package org.postroom.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.postroom.message.MailAddress;
import org.postroom.service.CollectorService;
import org.postroom.web.Reply;

/**
 * The collector's routes of the API, all for admins, over {@link CollectorService} as the CLI's {@code postroom
 * collect ...} commands: accounts (the database's added, changed, enabled, disabled and removed, taken by the running
 * collector at once; postroom.toml's listed, read only), "test account", "collect now", the recent cycles, the dry
 * run, and the held messages with "deliver to" and "delete". An account's body is the keys of a
 * {@code [[collect.account]]} table, plus {@code name} (on POST) and {@code password} (write only: never returned).
 */
final class CollectorApi {
    private static final String BASE = "/api/v1/collector";
    private static final String ACCOUNT = BASE + "/accounts/{account}";
    private static final String CYCLE = """
            {"type":"object","properties":{"account":{"type":"string"},"started":{"type":"string"},"finished":{"type":"string"},
             "messages":{"type":"integer"},"delivered":{"type":"integer"},"unresolved":{"type":"integer"},"duplicates":{"type":"integer"},
             "error":{"type":["string","null"]},"next":{"type":["string","null"]}}}""";
    private static final String ACCOUNT_VIEW = """
            {"type":"object","properties":{"account":{"type":"string"},"source":{"enum":["postroom.toml","database"]},"enabled":{"type":"boolean"},
             "server":{"type":"string"},"login":{"type":"string"},"mode":{"type":"string"},"password_set":{"type":"boolean"},
             "settings":{"type":"object","description":"the keys of a [[collect.account]] table"},"problem":{"type":["string","null"]},
             "last":%s}}""".formatted(CYCLE);
    private static final String SETTINGS = "{\"type\":\"object\",\"description\":\"the keys of a [[collect.account]] table (host, port, tls,"
            + " allow_plaintext, trust, ca_file, login, login_method, mode, deliver_to, domain_mailbox, envelope_headers, skip_received, interval,"
            + " hours, keep, max_message_size, oversize, unresolved, enabled), name (on POST), and password (write only)%s\",\"properties\":{"
            + "\"name\":{\"type\":\"string\"},\"password\":{\"type\":\"string\"},\"host\":{\"type\":\"string\"},\"port\":{\"type\":\"integer\"},"
            + "\"login\":{\"type\":\"string\"},\"enabled\":{\"type\":\"boolean\"}}}";
    private static final String REPORT = """
            {"type":"object","properties":{"account":{"type":"string"},"ok":{"type":"boolean"},"steps":{"type":"array","items":{"type":"object",
             "properties":{"step":{"type":"string"},"ok":{"type":"boolean"},"detail":{"type":"string"}}}},"capabilities":{"type":"array"},
             "messages":{"type":"integer"},"octets":{"type":"integer"},"profile":{"type":"object"},"error":{"type":["string","null"]}}}""";
    private static final String COLLECTED = """
            {"type":"object","properties":{"message":{"type":"string"},"cycles":{"type":"array","items":%s}}}""".formatted(CYCLE);
    private static final String HELD = """
            {"type":"object","properties":{"account":{"type":"string"},"id":{"type":"string"},"held_at":{"type":"string"},"size":{"type":"integer"},
             "from":{"type":"string"},"subject":{"type":"string"},"message_id":{"type":"string"},"why":{"type":"string"}}}""";

    private CollectorApi() {}

    static void register(Routes routes, ConsoleServices services) {
        CollectorService collector = services.collector();
        routes.get(BASE + "/accounts", Access.ADMIN, r -> Reply.json(200, collector.accounts()))
                .doc("Every collect account (postroom.toml's and the database's) with its last cycle; never a password", null, list(ACCOUNT_VIEW));
        routes.post(BASE + "/accounts", Access.ADMIN, r -> {
            ObjectNode body = object(r.json());
            String name = Json.requiredText(body, "name");
            String password = Json.text(body, "password").orElse("");
            body.remove(java.util.List.of("name", "password"));
            return Reply.json(201, collector.add(who(r), name, body, password));
        }).doc("Add a collect account (kept in the database; collected at once)", SETTINGS.formatted(""), ACCOUNT_VIEW);
        routes.get(ACCOUNT, Access.ADMIN, r -> Reply.json(200, collector.account(r.pathParam("account"))))
                .doc("One collect account", null, ACCOUNT_VIEW);
        routes.patch(ACCOUNT, Access.ADMIN, r -> {
            ObjectNode body = object(r.json());
            if (body.has("name")) throw ConsoleError.invalid("an account is not renamed: remove it and add it again");
            Optional<String> password = Json.text(body, "password");
            body.remove("password");
            return Reply.json(200, collector.update(who(r), r.pathParam("account"), body, password));
        }).doc("Change a collect account kept in the database (a key set to null goes back to its default)", SETTINGS.formatted("; null resets a key"),
                ACCOUNT_VIEW);
        routes.delete(ACCOUNT, Access.ADMIN, r -> {
            collector.remove(who(r), r.pathParam("account"));
            return Reply.json(200, Map.of("removed", r.pathParam("account")));
        }).doc("Remove a collect account kept in the database", null, "{\"type\":\"object\",\"properties\":{\"removed\":{\"type\":\"string\"}}}");
        routes.post(ACCOUNT + "/enable", Access.ADMIN, r -> Reply.json(200, collector.setEnabled(who(r), r.pathParam("account"), true)))
                .doc("Enable a collect account kept in the database", null, ACCOUNT_VIEW);
        routes.post(ACCOUNT + "/disable", Access.ADMIN, r -> Reply.json(200, collector.setEnabled(who(r), r.pathParam("account"), false)))
                .doc("Disable a collect account kept in the database", null, ACCOUNT_VIEW);
        routes.post(ACCOUNT + "/test", Access.ADMIN, r -> Reply.json(200, collector.test(r.pathParam("account"))))
                .doc("Test account: connect, TLS, CAPA, login, STAT, and the envelope headers the provider writes; changes nothing", null, REPORT);
        routes.post(BASE + "/test", Access.ADMIN, r -> {
            ObjectNode body = object(r.json());
            String password = Json.text(body, "password").orElse("");
            body.remove(java.util.List.of("name", "password"));
            return Reply.json(200, collector.test(body, password));
        }).doc("Test settings not saved yet, as /accounts/{account}/test", SETTINGS.formatted(""), REPORT);
        routes.post(ACCOUNT + "/collect", Access.ADMIN, r -> collected(collector, who(r), Optional.of(r.pathParam("account"))))
                .doc("Collect now: one cycle of this account, answered when it is done", null, COLLECTED);
        routes.post(BASE + "/collect", Access.ADMIN, r -> collected(collector, who(r), Optional.empty()))
                .doc("Collect now: one cycle of every account, answered when they are done", null, COLLECTED);
        routes.get(ACCOUNT + "/cycles", Access.ADMIN, r -> Reply.json(200, collector.cycles(r.pathParam("account"), OpsRoutes.intQuery(r, "limit", 20, 1, 50))))
                .queryParam("limit", "how many, newest first (1 to 50, default 20)")
                .doc("The account's recent cycles, newest first", null, list(CYCLE));
        routes.post(ACCOUNT + "/dry-run", Access.ADMIN, r -> Reply.json(200, collector.dryRun(r.pathParam("account"))))
                .doc("Dry run: log in and say per message where it would go; delivers and deletes nothing", null,
                        "{\"type\":\"object\",\"properties\":{\"account\":{\"type\":\"string\"},\"error\":{\"type\":[\"string\",\"null\"]},"
                                + "\"messages\":{\"type\":\"array\"},\"envelope_headers_seen\":{\"type\":\"array\"},\"one_copy_per_recipient\":{\"type\":\"boolean\"}}}");
        routes.get(BASE + "/held", Access.ADMIN, r -> Reply.json(200, collector.held()))
                .doc("The messages held for review (unresolved = \"hold\")", null, list(HELD));
        routes.post(BASE + "/held/{account}/{id}/deliver", Access.ADMIN, r -> {
            MailAddress to = MailAddress.parse(Json.requiredText(r.json(), "to"));
            String id = collector.deliverHeld(who(r), r.pathParam("account"), r.pathParam("id"), to);
            return Reply.json(200, Map.of("delivered", r.pathParam("id"), "to", to.toString(), "id", id));
        }).doc("Deliver a held message to a local address; it is then no longer held",
                "{\"type\":\"object\",\"required\":[\"to\"],\"properties\":{\"to\":{\"type\":\"string\"}}}",
                "{\"type\":\"object\",\"properties\":{\"delivered\":{\"type\":\"string\"},\"to\":{\"type\":\"string\"},\"id\":{\"type\":\"string\"}}}");
        routes.delete(BASE + "/held/{account}/{id}", Access.ADMIN, r -> {
            collector.deleteHeld(who(r), r.pathParam("account"), r.pathParam("id"));
            return Reply.json(200, Map.of("deleted", r.pathParam("id")));
        }).doc("Delete a held message for good", null, "{\"type\":\"object\",\"properties\":{\"deleted\":{\"type\":\"string\"}}}");
    }

    private static Reply collected(CollectorService collector, String who, Optional<String> account) {
        var reply = collector.collectNow(who, account);
        return Reply.json(200, Map.of("message", reply.message(),
                "cycles", reply.reports().stream().map(org.postroom.service.CollectorViews.Cycle::of).toList()));
    }

    private static String who(ConsoleRequest r) {
        return ApiArgs.actor(r);
    }

    private static ObjectNode object(JsonNode body) {
        if (!body.isObject()) throw ConsoleError.invalid("the body must be a JSON object");
        return ((ObjectNode) body).deepCopy();
    }

    private static String list(String item) {
        return "{\"type\":\"array\",\"items\":" + item + "}";
    }
}
