package org.postroom.web.console;

import static org.postroom.web.console.ApiArgs.actor;
import static org.postroom.web.console.ApiArgs.address;
import static org.postroom.web.console.ApiArgs.addresses;

import java.util.List;
import org.postroom.service.AddressBook;
import org.postroom.service.DirectoryViews.AliasView;
import org.postroom.web.Reply;

/** {@code /api/v1/aliases...}, as {@code postroom alias ...} (the same {@link AddressBook}). */
final class AliasApi {
    private AliasApi() {}

    static void register(Routes routes, ConsoleServices s) {
        AddressBook book = s.addressBook();
        routes.get("/api/v1/aliases", Access.ADMIN, r -> Reply.json(200, book.aliases(r.query("q"))))
                .doc("List aliases", null, Schemas.ALIASES).queryParam("q", "only aliases whose address or a target contains this");
        routes.post("/api/v1/aliases", Access.ADMIN, r -> {
            var b = r.json();
            AliasView made = book.addAlias(actor(r), address(Json.requiredText(b, "address")),
                    addresses(Json.strings(b, "targets").orElseThrow(() -> ConsoleError.invalid("the field \"targets\" is required"))));
            return Reply.json(201, made).withHeader("Location", "/api/v1/aliases/" + made.address());
        }).doc("Add an alias", Schemas.NEW_ALIAS, Schemas.ALIAS);
        routes.get("/api/v1/aliases/{address}", Access.ADMIN, r -> Reply.json(200, book.alias(address(r.pathParam("address")))))
                .doc("One alias", null, Schemas.ALIAS);
        routes.patch("/api/v1/aliases/{address}", Access.ADMIN, r -> {
            var b = r.json();
            var alias = address(r.pathParam("address"));
            List<String> add = Json.strings(b, "add").orElse(List.of());
            List<String> remove = Json.strings(b, "remove").orElse(List.of());
            if (add.isEmpty() && remove.isEmpty()) throw ConsoleError.invalid("nothing to change: give add or remove (lists of addresses)");
            AliasView result = null;
            if (!add.isEmpty()) result = book.addAliasTargets(actor(r), alias, addresses(add));
            if (!remove.isEmpty()) result = book.removeAliasTargets(actor(r), alias, addresses(remove));
            return Reply.json(200, result);
        }).doc("Add and/or remove targets (at least one must remain)", Schemas.ALIAS_CHANGES, Schemas.ALIAS);
        routes.delete("/api/v1/aliases/{address}", Access.ADMIN, r -> Reply.json(200, book.removeAlias(actor(r), address(r.pathParam("address")))))
                .doc("Remove an alias", null, Schemas.REMOVED);
    }
}
