package org.postroom.web.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.postroom.collect.AccountTest;
import org.postroom.service.CollectorService;
import org.postroom.service.CollectorViews;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleError;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/**
 * {@code /collector} (accounts, "collect every account now", held and unresolved messages with "deliver to" and
 * "delete", a new account) and {@code /collector/{account}} (test, collect now, dry-run report, last cycles,
 * settings, removal): {@link CollectorService}, as {@code /api/v1/collector} and {@code postroom collect}.
 */
final class CollectorPages {
    private static final int CYCLES = 10;

    private CollectorPages() {}

    static void register(Routes routes, ConsoleServices services) {
        CollectorService collector = services.collector();
        routes.get("/collector", Access.ADMIN, r -> list(r, services, 200, null));
        routes.post("/collector", Access.ADMIN, r -> Page.submit("/collector", () -> {
            String name = Page.required(r, "name", "The account name");
            var added = collector.add(UserPages.actor(r), name, settings(r, true), r.form("password").orElse(""));
            return "Added collector account " + added.account();
        }, e -> list(r, services, e.status(), e.getMessage())));
        routes.post("/collector/collect", Access.ADMIN, r -> collect(r, collector, Optional.empty(), "/collector"));
        routes.post("/collector/held/deliver", Access.ADMIN, r -> Page.submit("/collector", () -> collector.deliverHeld(UserPages.actor(r),
                Page.required(r, "account", "The account"), Page.required(r, "id", "The message"), Addresses.one(services, Page.required(r, "to", "Deliver to"))),
                e -> list(r, services, e.status(), e.getMessage())));
        routes.post("/collector/held/delete", Access.ADMIN, r -> Page.submit("/collector", () -> {
            String id = Page.required(r, "id", "The message");
            collector.deleteHeld(UserPages.actor(r), Page.required(r, "account", "The account"), id);
            return "Deleted held message " + id;
        }, e -> list(r, services, e.status(), e.getMessage())));

        routes.get("/collector/{account}", Access.ADMIN, r -> account(r, services, 200, null, null, null));
        routes.get("/collector/{account}/dry-run", Access.ADMIN, r -> account(r, services, 200, null, null, collector.dryRun(r.pathParam("account"))));
        routes.post("/collector/{account}", Access.ADMIN, r -> Page.submit(link(r), () -> {
            String password = r.form("password").orElse("");
            var saved = collector.update(UserPages.actor(r), r.pathParam("account"), settings(r, false),
                    password.isEmpty() ? Optional.empty() : Optional.of(password));
            return "Saved collector account " + saved.account();
        }, e -> account(r, services, e.status(), e.getMessage(), null, null)));
        routes.post("/collector/{account}/remove", Access.ADMIN, r -> Page.submit("/collector", () -> {
            collector.remove(UserPages.actor(r), r.pathParam("account"));
            return "Removed collector account " + r.pathParam("account");
        }, e -> account(r, services, e.status(), e.getMessage(), null, null)));
        routes.post("/collector/{account}/test", Access.ADMIN, r -> {
            AccountTest.Report report = collector.test(r.pathParam("account"));
            return account(r, services, 200, null, report, null);
        });
        routes.post("/collector/{account}/collect", Access.ADMIN, r -> collect(r, collector, Optional.of(r.pathParam("account")), link(r)));
    }

    private static Reply collect(ConsoleRequest r, CollectorService collector, Optional<String> name, String back) {
        try {
            var reply = collector.collectNow(UserPages.actor(r), name);
            return Page.redirect(back, reply.message());
        } catch (org.postroom.service.CollectorException e) { // the collector said no (one cycle is running already): say so
            if (e.kind() == org.postroom.service.CollectorException.Kind.NOT_FOUND) throw e;
            return Page.redirect(back, "Not collected: " + e.getMessage());
        }
    }

    /** The form's fields as the keys of a {@code [[collect.account]]} table; empty fields are left out (their defaults). */
    private static ObjectNode settings(ConsoleRequest r, boolean isNew) {
        ObjectNode s = Reply.MAPPER.createObjectNode();
        for (String key : new String[] {"host", "tls", "login", "mode", "deliver_to", "interval"}) {
            r.form(key).map(String::strip).filter(v -> !v.isEmpty()).ifPresentOrElse(v -> s.put(key, v), () -> {
                if (!isNew && !key.equals("host") && !key.equals("login")) s.putNull(key);
            });
        }
        String port = r.form("port").orElse("").strip();
        if (!port.isEmpty()) {
            try {
                s.put("port", Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw ConsoleError.unprocessable("the port is a number: " + port);
            }
        } else if (!isNew) {
            s.putNull("port");
        }
        s.put("allow_plaintext", Page.ticked(r, "allow_plaintext"));
        s.put("enabled", Page.ticked(r, "enabled"));
        return s;
    }

    private static Reply list(ConsoleRequest r, ConsoleServices services, int status, String error) {
        Frame frame = Page.frame(r, "Collector", "/collector").withError(error);
        return Page.render(r, status, frame, "collector.jte", Map.of("accounts", services.collector().accounts(), "held", services.collector().held()));
    }

    private static Reply account(ConsoleRequest r, ConsoleServices services, int status, String error, AccountTest.Report test, CollectorViews.DryRun dryRun) {
        String name = r.pathParam("account");
        CollectorViews.Account account = services.collector().account(name);
        Frame frame = Page.frame(r, "Collector account " + name, "/collector").withError(error);
        Map<String, Object> params = new HashMap<>();
        params.put("account", account);
        params.put("cycles", services.collector().cycles(name, CYCLES));
        params.put("test", test);
        params.put("dryRun", dryRun);
        return Page.render(r, status, frame, "collectorAccount.jte", params);
    }

    private static String link(ConsoleRequest r) {
        return "/collector/" + Show.segment(r.pathParam("account"));
    }
}
