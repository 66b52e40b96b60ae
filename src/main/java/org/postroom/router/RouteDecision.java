package org.postroom.router;

import java.util.Set;
import org.postroom.directory.User;

/** The router's answer for one recipient. */
public sealed interface RouteDecision {

    /** Deliver into these local mailboxes. */
    record Local(Set<User> users) implements RouteDecision {}

    /** Do not accept this recipient, for this reason. */
    record Refused(Refusal reason) implements RouteDecision {}

    /** Why a recipient is refused; each door maps these to its protocol's replies. */
    enum Refusal {
        UNKNOWN_USER,
        MAILBOX_DISABLED,
        RELAY_DENIED,
        INTERNAL_ONLY,
        LOCAL_SENDERS_ONLY,
        /** The recipient is outside, and there is no outbound queue to take it (yet). */
        RELAY_NOT_CONFIGURED,
        OVER_QUOTA_TEMPORARY,
        OVER_QUOTA_PERMANENT
    }
}
