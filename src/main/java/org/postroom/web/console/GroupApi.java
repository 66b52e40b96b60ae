package org.postroom.web.console;

import static org.postroom.web.console.ApiArgs.actor;
import static org.postroom.web.console.ApiArgs.address;
import static org.postroom.web.console.ApiArgs.addresses;

import java.util.List;
import org.postroom.service.AddressBook;
import org.postroom.web.Reply;

/** {@code /api/v1/groups...}: groups, their members and list policy, as {@code postroom group ...}. */
final class GroupApi {
    private GroupApi() {}

    static void register(Routes routes, ConsoleServices s) {
        AddressBook book = s.addressBook();
        routes.get("/api/v1/groups", Access.ADMIN, r -> Reply.json(200, book.groups(r.query("q"))))
                .doc("List groups", null, Schemas.GROUPS).queryParam("q", "only groups whose address or a member contains this");
        routes.post("/api/v1/groups", Access.ADMIN, r -> {
            var b = r.json();
            var made = book.addGroup(actor(r), address(Json.requiredText(b, "address")), Json.bool(b, "localSendersOnly").orElse(false),
                    addresses(Json.strings(b, "members").orElse(List.of())));
            return Reply.json(201, made).withHeader("Location", "/api/v1/groups/" + made.address());
        }).doc("Add a group, with its first members", Schemas.NEW_GROUP, Schemas.GROUP);
        routes.get("/api/v1/groups/{address}", Access.ADMIN, r -> Reply.json(200, book.group(address(r.pathParam("address")))))
                .doc("One group and its members", null, Schemas.GROUP);
        routes.patch("/api/v1/groups/{address}", Access.ADMIN, r -> {
            boolean policy = Json.bool(r.json(), "localSendersOnly")
                    .orElseThrow(() -> ConsoleError.invalid("nothing to change: give localSendersOnly"));
            return Reply.json(200, book.setLocalSendersOnly(actor(r), address(r.pathParam("address")), policy));
        }).doc("Set the list policy (localSendersOnly)", Schemas.GROUP_CHANGES, Schemas.GROUP);
        routes.delete("/api/v1/groups/{address}", Access.ADMIN, r -> Reply.json(200, book.removeGroup(actor(r), address(r.pathParam("address")))))
                .doc("Remove a group", null, Schemas.REMOVED);
        routes.post("/api/v1/groups/{address}/members", Access.ADMIN, r -> {
            var members = Json.strings(r.json(), "members").orElseThrow(() -> ConsoleError.invalid("the field \"members\" is required"));
            if (members.isEmpty()) throw ConsoleError.invalid("\"members\" is empty");
            return Reply.json(200, book.addMembers(actor(r), address(r.pathParam("address")), addresses(members)));
        }).doc("Add members (users, aliases, groups or outside addresses)", Schemas.MEMBERS, Schemas.GROUP);
        routes.delete("/api/v1/groups/{address}/members/{member}", Access.ADMIN, r -> Reply.json(200,
                        book.removeMembers(actor(r), address(r.pathParam("address")), List.of(address(r.pathParam("member"))))))
                .doc("Remove one member", null, Schemas.GROUP);
    }
}
