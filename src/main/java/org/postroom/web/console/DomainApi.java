package org.postroom.web.console;

import static org.postroom.web.console.ApiArgs.actor;

import java.util.Optional;
import org.postroom.service.AddressBook;
import org.postroom.web.Reply;

/** {@code /api/v1/domains...}: the local domains and their catch-alls, as {@code postroom domain ...}. */
final class DomainApi {
    private DomainApi() {}

    static void register(Routes routes, ConsoleServices s) {
        AddressBook book = s.addressBook();
        routes.get("/api/v1/domains", Access.ADMIN, r -> Reply.json(200, book.domains())).doc("List the local domains", null, Schemas.DOMAINS);
        routes.post("/api/v1/domains", Access.ADMIN, r -> {
            var made = book.addDomain(actor(r), Json.requiredText(r.json(), "name"));
            return Reply.json(201, made).withHeader("Location", "/api/v1/domains/" + made.name());
        }).doc("Add a local domain", Schemas.NEW_DOMAIN, Schemas.DOMAIN);
        routes.get("/api/v1/domains/{name}", Access.ADMIN, r -> Reply.json(200, book.domain(r.pathParam("name"))))
                .doc("One domain", null, Schemas.DOMAIN);
        routes.delete("/api/v1/domains/{name}", Access.ADMIN, r -> Reply.json(200, book.removeDomain(actor(r), r.pathParam("name"))))
                .doc("Remove a domain (refused while it has users, aliases or groups)", null, Schemas.REMOVED);
        routes.put("/api/v1/domains/{name}/catch-all", Access.ADMIN, r -> {
            var b = r.json();
            if (!b.isObject() || !b.has("target")) throw ConsoleError.invalid("give \"target\": an address, or null to clear");
            Optional<String> target = Json.text(b, "target");
            return Reply.json(200, book.setCatchAll(actor(r), r.pathParam("name"), target.map(ApiArgs::address)));
        }).doc("Set or clear (target null) where mail for unknown addresses of the domain goes", Schemas.CATCH_ALL, Schemas.DOMAIN);
    }
}
