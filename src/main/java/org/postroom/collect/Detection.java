package org.postroom.collect;

import java.util.List;
import org.postroom.message.MailAddress;

/**
 * Who a downloaded message is for, and which rule decided it (issue 5, in this order of trust).
 *
 * @param rule how the addresses were found
 * @param detail the header that decided, for {@link Rule#ENVELOPE_HEADER}
 * @param addresses the candidate recipients, before the directory
 */
record Detection(Rule rule, String detail, List<MailAddress> addresses) {

    Detection {
        addresses = List.copyOf(addresses);
    }

    enum Rule {
        /** Single-drop: everything goes to the account's {@code deliver_to}. */
        SINGLE_DROP,
        /** The topmost instance of an envelope header the provider wrote. */
        ENVELOPE_HEADER,
        /** A {@code Received: ... for <address>} clause below the provider's own. */
        RECEIVED_FOR,
        /** No envelope information at all: To, Cc, Resent-To, Resent-Cc. */
        HEADER_RECIPIENTS,
        /** Nothing found. */
        NONE
    }

    String describe() {
        return switch (rule) {
            case SINGLE_DROP -> "single-drop";
            case ENVELOPE_HEADER -> "envelope header " + detail;
            case RECEIVED_FOR -> "Received for";
            case HEADER_RECIPIENTS -> "To/Cc (no envelope information)";
            case NONE -> "none";
        };
    }
}
