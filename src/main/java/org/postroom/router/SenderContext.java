package org.postroom.router;

import java.util.Optional;
import org.postroom.directory.User;

/**
 * Who is sending, as far as the door knows it.
 *
 * @param authenticated the user who logged in on this session, if any
 * @param trustedNetwork the client's address is in {@code trusted_networks}
 * @param envelopeUser the local user named by MAIL FROM, if any (unverified unless {@code authenticated})
 */
public record SenderContext(Optional<User> authenticated, boolean trustedNetwork, Optional<User> envelopeUser) {

    public static final SenderContext ANONYMOUS = new SenderContext(Optional.empty(), false, Optional.empty());

    /** Postroom itself, sending its own notices (bounces): may send anywhere. */
    public static final SenderContext SYSTEM = new SenderContext(Optional.empty(), true, Optional.empty());

    /** May send to the outside world: logged in, or on a trusted network. */
    public boolean mayRelay() {
        return authenticated.isPresent() || trustedNetwork;
    }

    /** Is inside the office, for lists that accept only local senders. */
    public boolean isLocal() {
        return mayRelay();
    }

    /** Restricted to recipients inside the office: the logged-in user, or the user MAIL FROM names, is internal-only. */
    public boolean internalOnly() {
        return authenticated.map(User::internalOnly).orElse(false) || envelopeUser.map(User::internalOnly).orElse(false);
    }
}
