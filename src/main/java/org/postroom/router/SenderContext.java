package org.postroom.router;

import java.util.Optional;
import org.postroom.directory.User;

/**
 * Who is sending, as far as the door knows it.
 *
 * @param authenticated the user who logged in on this session, if any
 * @param trustedNetwork the client's address is in {@code trusted_networks}
 * @param envelopeUser the local user named by MAIL FROM, if any (unverified unless {@code authenticated})
 * @param origin which door the message comes through
 */
public record SenderContext(Optional<User> authenticated, boolean trustedNetwork, Optional<User> envelopeUser, Origin origin) {

    /** The doors a message comes through, as far as the router cares. */
    public enum Origin {
        /** An SMTP session. */
        SESSION,
        /** The collector: mail downloaded from the provider, from outside senders; it is never relayed. */
        COLLECTOR,
        /** Postroom itself. */
        SYSTEM
    }

    public static final SenderContext ANONYMOUS = new SenderContext(Optional.empty(), false, Optional.empty(), Origin.SESSION);

    /** Postroom itself, sending its own notices (bounces): may send anywhere. */
    public static final SenderContext SYSTEM = new SenderContext(Optional.empty(), true, Optional.empty(), Origin.SYSTEM);

    /**
     * Mail the collector downloaded: from the outside world, whatever its headers claim (the provider took it from
     * anyone), so it is neither local for lists nor allowed to internal-only users, and it never leaves again.
     */
    public static final SenderContext COLLECTED = new SenderContext(Optional.empty(), false, Optional.empty(), Origin.COLLECTOR);

    /** A session's sender. */
    public SenderContext(Optional<User> authenticated, boolean trustedNetwork, Optional<User> envelopeUser) {
        this(authenticated, trustedNetwork, envelopeUser, Origin.SESSION);
    }

    /** May send to the outside world: logged in, or on a trusted network. */
    public boolean mayRelay() {
        return authenticated.isPresent() || trustedNetwork;
    }

    /** Is inside the office, for lists that accept only local senders and for internal-only recipients. */
    public boolean isLocal() {
        return mayRelay();
    }

    /** Restricted to recipients inside the office: the logged-in user, or the user MAIL FROM names, is internal-only. */
    public boolean internalOnly() {
        return authenticated.map(User::internalOnly).orElse(false) || envelopeUser.map(User::internalOnly).orElse(false);
    }

    /** Collected mail stays in the office: no alias target or unknown address sends it back out (no loop with the provider). */
    public boolean neverRelayed() {
        return origin == Origin.COLLECTOR;
    }
}
