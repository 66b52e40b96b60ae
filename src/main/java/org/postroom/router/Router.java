package org.postroom.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.postroom.config.DeliverySettings.QuotaMode;
import org.postroom.directory.Directory;
import org.postroom.directory.Resolution;
import org.postroom.directory.User;
import org.postroom.message.MailAddress;
import org.postroom.router.RouteDecision.Refusal;
import org.postroom.store.MaildirStore;

/**
 * Decides, per recipient, whether Postroom takes the message and for whom. This is where "never an open relay"
 * is enforced: only a recipient the directory resolves (to local users, or through an alias the administrator made
 * to outside addresses) is accepted from anyone; anything else needs a sender who {@link SenderContext#mayRelay()
 * may relay}, and a configured smarthost to leave by.
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
            case Resolution.Unknown unknown -> new RouteDecision.Refused(Refusal.UNKNOWN_USER);
            case Resolution.Disabled disabled -> new RouteDecision.Refused(Refusal.MAILBOX_DISABLED);
            case Resolution.Deliver deliver -> local(deliver, sender, declaredSize);
        };
    }

    private RouteDecision outside(MailAddress recipient, SenderContext sender) {
        if (!sender.mayRelay()) return new RouteDecision.Refused(Refusal.RELAY_DENIED);
        if (sender.internalOnly()) return new RouteDecision.Refused(Refusal.INTERNAL_ONLY);
        if (!outbound) return new RouteDecision.Refused(Refusal.RELAY_NOT_CONFIGURED);
        return new RouteDecision.Outbound(Set.of(), Set.of(recipient));
    }

    private RouteDecision local(Resolution.Deliver deliver, SenderContext sender, long declaredSize) {
        if (deliver.localSendersOnly() && !sender.isLocal()) return new RouteDecision.Refused(Refusal.LOCAL_SENDERS_ONLY);
        if (!deliver.external().isEmpty()) {
            // An alias or list that forwards outside: the message leaves the office, so an internal-only sender may
            // not use it. Anyone else may: the administrator chose where the alias leads (docs/quirks.md).
            if (sender.internalOnly()) return new RouteDecision.Refused(Refusal.INTERNAL_ONLY);
            if (!outbound) return new RouteDecision.Refused(Refusal.RELAY_NOT_CONFIGURED);
            return new RouteDecision.Outbound(deliver.users(), deliver.external());
        }
        // Quota is checked for a recipient who is one person. A list still reaches a member whose mailbox is
        // full (docs/quirks.md): refusing the whole list for one member would punish everyone else.
        if (deliver.users().size() == 1) {
            User user = deliver.users().iterator().next();
            if (user.quotaBytes() > 0 && usage(user) + declaredSize > user.quotaBytes()) {
                return new RouteDecision.Refused(quotaMode == QuotaMode.PERMANENT ? Refusal.OVER_QUOTA_PERMANENT : Refusal.OVER_QUOTA_TEMPORARY);
            }
        }
        return new RouteDecision.Local(deliver.users());
    }

    private long usage(User user) {
        try {
            return store.maildir(user.address()).usage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
