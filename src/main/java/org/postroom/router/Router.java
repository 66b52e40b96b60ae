package org.postroom.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.postroom.config.AddressRules;
import org.postroom.config.DeliverySettings.QuotaMode;
import org.postroom.directory.Directory;
import org.postroom.directory.Resolution;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;
import org.postroom.router.RouteDecision.Refusal;
import org.postroom.store.MaildirStore;

/**
 * Decides, per recipient, whether Postroom takes the message and for whom, the same for every door (SMTP, the
 * collector, Postroom's own notices). This is where "never an open relay" is enforced: only a recipient the
 * directory resolves (to local users, or through an alias the administrator made to outside addresses) is accepted
 * from anyone; anything else needs a sender who {@link SenderContext#mayRelay() may relay}, and a configured
 * smarthost to leave by. Internal-only means one thing here: no mail to or from outside the office.
 */
public final class Router {
    private final Directory directory;
    private final MaildirStore store;
    private final QuotaMode quotaMode;
    private final boolean outbound;

    /** A router for a server without outbound mail: outside recipients are refused with {@link Refusal#RELAY_NOT_CONFIGURED}. */
    public Router(Directory directory, MaildirStore store, QuotaMode quotaMode) {
        this(directory, store, quotaMode, false);
    }

    /** @param outbound a smarthost is configured: outside recipients of senders who may relay go to the queue */
    public Router(Directory directory, MaildirStore store, QuotaMode quotaMode, boolean outbound) {
        this.directory = directory;
        this.store = store;
        this.quotaMode = quotaMode;
        this.outbound = outbound;
    }

    /**
     * @param declaredSize the size the client announced (SIZE=), or 0; a mailbox that cannot take it is refused now
     */
    public RouteDecision route(MailAddress recipient, SenderContext sender, long declaredSize) {
        return switch (directory.resolve(recipient)) {
            case Resolution.NotLocal notLocal -> outside(recipient, sender);
            case Resolution.Unknown unknown -> unknown(recipient, sender);
            case Resolution.Disabled disabled -> new RouteDecision.Refused(Refusal.MAILBOX_DISABLED);
            case Resolution.Deliver deliver -> local(deliver, sender, declaredSize);
        };
    }

    private RouteDecision outside(MailAddress recipient, SenderContext sender) {
        if (!sender.mayRelay() || sender.neverRelayed()) return new RouteDecision.Refused(Refusal.RELAY_DENIED);
        if (sender.internalOnly()) return new RouteDecision.Refused(Refusal.INTERNAL_ONLY);
        if (!outbound) return new RouteDecision.Refused(Refusal.RELAY_NOT_CONFIGURED);
        return new RouteDecision.Outbound(Set.of(), Set.of(recipient));
    }

    /**
     * {@code [addresses] unknown_local = "relay"}: a colleague still at the provider. Only a sender who may relay
     * sends it out (to anyone else it is simply unknown), and never collected mail: it came from the provider, and
     * sending it back would loop.
     */
    private RouteDecision unknown(MailAddress recipient, SenderContext sender) {
        boolean relayUnknown = directory.rules().unknownLocal() == AddressRules.UnknownLocal.RELAY
                && directory.findAlias(recipient).isEmpty() && directory.findGroup(recipient).isEmpty();
        if (!relayUnknown || !sender.mayRelay() || sender.neverRelayed()) return new RouteDecision.Refused(Refusal.UNKNOWN_USER);
        return outside(recipient, sender);
    }

    private RouteDecision local(Resolution.Deliver deliver, SenderContext sender, long declaredSize) {
        if (deliver.localSendersOnly() && !sender.isLocal()) return new RouteDecision.Refused(Refusal.LOCAL_SENDERS_ONLY);
        // Internal-only users take no mail from outside the office. A list still reaches its other members, as with a
        // full mailbox; one person who is internal-only is refused.
        Set<User> users = new LinkedHashSet<>(deliver.users());
        if (!sender.isLocal()) users.removeIf(User::internalOnly);
        if (users.isEmpty() && !deliver.users().isEmpty() && deliver.external().isEmpty()) {
            return new RouteDecision.Refused(Refusal.INTERNAL_ONLY_RECIPIENT);
        }
        if (!deliver.external().isEmpty() && !sender.neverRelayed()) {
            // An alias or list that forwards outside: the message leaves the office, so an internal-only sender may
            // not use it. Anyone else may: the administrator chose where the alias leads (docs/quirks.md).
            if (sender.internalOnly()) return new RouteDecision.Refused(Refusal.INTERNAL_ONLY);
            if (!outbound) return new RouteDecision.Refused(Refusal.RELAY_NOT_CONFIGURED);
            return new RouteDecision.Outbound(users, deliver.external());
        }
        // Collected mail: only the local members of an alias that also forwards outside.
        if (users.isEmpty()) {
            return new RouteDecision.Refused(deliver.users().isEmpty() ? Refusal.RELAY_DENIED : Refusal.INTERNAL_ONLY_RECIPIENT);
        }
        // Quota is checked for a recipient who is one person. A list still reaches a member whose mailbox is
        // full (docs/quirks.md): refusing the whole list for one member would punish everyone else.
        if (deliver.users().size() == 1) {
            User user = users.iterator().next();
            if (user.quotaBytes() > 0 && usage(user) + declaredSize > user.quotaBytes()) {
                return new RouteDecision.Refused(quotaMode == QuotaMode.PERMANENT ? Refusal.OVER_QUOTA_PERMANENT : Refusal.OVER_QUOTA_TEMPORARY);
            }
        }
        return new RouteDecision.Local(users);
    }

    private long usage(User user) {
        try {
            return store.usage(user.address());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
