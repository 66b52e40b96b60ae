package org.postroom.web.console;

import static org.postroom.web.console.ApiArgs.actor;
import static org.postroom.web.console.ApiArgs.address;

import com.fasterxml.jackson.databind.JsonNode;
import org.postroom.service.UserService;
import org.postroom.web.Reply;

/** {@code /api/v1/users...}: the users, as {@code postroom user ...} manages them (the same {@link UserService}). */
final class UserApi {
    private UserApi() {}

    static void register(Routes routes, ConsoleServices s) {
        UserService users = s.users();
        routes.get("/api/v1/users", Access.ADMIN, r -> Reply.json(200, users.list(r.query("q"))))
                .doc("List users (with quota use)", null, Schemas.USERS).queryParam("q", "only users whose address or name contains this");
        routes.post("/api/v1/users", Access.ADMIN, r -> {
            JsonNode b = r.json();
            var n = new UserService.NewUser(address(Json.requiredText(b, "address")), Json.text(b, "name").orElse(""),
                    Json.requiredText(b, "password").toCharArray(), Json.bool(b, "internalOnly").orElse(false),
                    Json.number(b, "quotaBytes").orElse(0L), Json.bool(b, "admin").orElse(false));
            var added = users.add(actor(r), n);
            return Reply.json(201, added.user()).withHeader("Location", "/api/v1/users/" + added.user().address());
        }).doc("Add a user, with the folders Sent, Drafts, Trash and Junk", Schemas.NEW_USER, Schemas.USER);
        routes.get("/api/v1/users/{address}", Access.ADMIN, r -> Reply.json(200, users.show(address(r.pathParam("address")))))
                .doc("One user, with the groups and aliases naming them and quota use", null, Schemas.USER_DETAIL);
        routes.patch("/api/v1/users/{address}", Access.ADMIN, r -> Reply.json(200, users.change(actor(r), address(r.pathParam("address")), changes(r.json()))))
                .doc("Change a user's settings (only the fields given): name, enable/disable, internal-only, quota, POP3/IMAP access, admin role",
                        Schemas.USER_CHANGES, Schemas.USER);
        routes.delete("/api/v1/users/{address}", Access.ADMIN,
                r -> Reply.json(200, users.remove(actor(r), address(r.pathParam("address")), ApiArgs.flag(r, "keepMail", false))))
                .doc("Remove a user; the mailbox is moved to data/removed/, or left in place with keepMail=true", null, Schemas.USER_REMOVED)
                .queryParam("keepMail", "true: leave the mailbox where it is, for a user added again with the address");
        routes.put("/api/v1/users/{address}/password", Access.ADMIN, r -> Reply.json(200,
                        users.setPassword(actor(r), address(r.pathParam("address")), Json.requiredText(r.json(), "password").toCharArray())))
                .doc("Reset a user's password (their console sessions end)", Schemas.PASSWORD, Schemas.USER);
    }

    static UserService.Changes changes(JsonNode b) {
        var c = new UserService.Changes(Json.text(b, "name"), Json.bool(b, "enabled"), Json.bool(b, "internalOnly"),
                Json.number(b, "quotaBytes"), Json.bool(b, "pop3Allowed"), Json.bool(b, "pop3OfficeOnly"), Json.bool(b, "imapAllowed"),
                Json.bool(b, "imapOfficeOnly"), Json.bool(b, "admin"));
        if (c.isEmpty()) throw ConsoleError.invalid("nothing to change: give name, enabled, internalOnly, quotaBytes, pop3Allowed,"
                + " pop3OfficeOnly, imapAllowed, imapOfficeOnly or admin");
        return c;
    }

}
