package org.postroom.web.console;

import static org.postroom.web.console.ApiArgs.actor;

import java.util.Optional;
import org.postroom.service.TokenService;
import org.postroom.web.Reply;

/** {@code /api/v1/tokens...}: API tokens, as {@code postroom token ...}; a new token's secret is in the answer once. */
final class TokenApi {
    private TokenApi() {}

    static void register(Routes routes, ConsoleServices s) {
        TokenService tokens = s.tokens();
        routes.get("/api/v1/tokens", Access.ADMIN, r -> Reply.json(200, tokens.list(r.query("user").map(ApiArgs::address))))
                .doc("List API tokens (never their secrets)", null, Schemas.TOKENS).queryParam("user", "only this user's tokens");
        routes.post("/api/v1/tokens", Access.ADMIN, r -> {
            var b = r.json();
            var user = Json.text(b, "user").map(ApiArgs::address).orElse(r.requireCaller().address());
            return Reply.json(201, tokens.create(actor(r), user, Json.text(b, "name").orElse("")));
        }).doc("Make an API token for a user (default: me); the answer holds the token, shown only this once", Schemas.NEW_TOKEN,
                Schemas.CREATED_TOKEN);
        routes.delete("/api/v1/tokens/{id}", Access.ADMIN, r -> {
            long id;
            try {
                id = Long.parseLong(r.pathParam("id"));
            } catch (NumberFormatException e) {
                throw ConsoleError.notFound("no token " + r.pathParam("id"));
            }
            return Reply.json(200, tokens.revoke(actor(r), id, Optional.empty()));
        }).doc("Revoke an API token", null, Schemas.TOKEN);
    }
}
