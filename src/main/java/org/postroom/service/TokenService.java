package org.postroom.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.directory.ApiTokens;
import org.postroom.directory.Directory;
import org.postroom.directory.DirectoryException;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;

/** API tokens, for {@code postroom token ...} and {@code /api/v1/tokens}: made, listed and revoked, each change audited. */
public final class TokenService {
    private final Supplier<Directory> directories;
    private final ApiTokens tokens;
    private final Audit audit;
    private final Clock clock;

    /** A token as listed: never its secret. */
    public record TokenView(long id, String user, String name, String created, String lastUsed) {
        public static TokenView of(ApiTokens.Token t) {
            return new TokenView(t.id(), t.user().toString(), t.name(), t.created().toString(), t.lastUsed().map(Instant::toString).orElse(null));
        }
    }

    /** A token just made, with its secret: shown this once. */
    public record CreatedView(long id, String user, String name, String created, String token) {}

    public TokenService(Supplier<Directory> directories, ApiTokens tokens, Audit audit, Clock clock) {
        this.directories = directories;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    public ApiTokens store() {
        return tokens;
    }

    public CreatedView create(String actor, MailAddress user, String name) {
        return audit.run(actor, "token.create", user.toString(), Map.of("name", name == null ? "" : name), () -> {
            User owner = directories.get().findUser(user)
                    .orElseThrow(() -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no user " + user));
            ApiTokens.Created made = tokens.create(owner, name, clock.instant());
            return new CreatedView(made.token().id(), owner.address().toString(), made.token().name(), made.token().created().toString(),
                    made.secret());
        });
    }

    /** Every token, or one user's. */
    public List<TokenView> list(Optional<MailAddress> user) {
        return tokens.list(user).stream().map(TokenView::of).toList();
    }

    /** Revokes a token; {@code owner} present limits it to that user's tokens (a user revoking their own). */
    public TokenView revoke(String actor, long id, Optional<MailAddress> owner) {
        return audit.run(actor, "token.revoke", Long.toString(id), () -> {
            if (owner.isPresent() && tokens.list(owner).stream().noneMatch(t -> t.id() == id)) {
                throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no token " + id + " of " + owner.get());
            }
            return TokenView.of(tokens.revoke(id));
        });
    }
}
