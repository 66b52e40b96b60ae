package org.postroom.collect;

import java.util.ArrayList;
import java.util.List;
import org.postroom.config.CollectAccount;
import org.postroom.message.MailAddress;

/**
 * Finds a message's recipients the way issue 5 orders trust: (1) the topmost instance of an envelope header the
 * provider wrote, in the account's order; (2) the topmost {@code Received ... for <address>} below the provider's
 * own {@code skip_received}; (3) only when neither exists, To, Cc, Resent-To and Resent-Cc. The provider's own
 * domain-mailbox address is never a recipient. A copy that carries an envelope header goes to that recipient only,
 * never to everyone in To/Cc: that is how one copy per recipient stays one delivery per recipient.
 */
final class RecipientDetector {
    private static final List<String> HEADER_RECIPIENTS = List.of("To", "Cc", "Resent-To", "Resent-Cc");

    private final CollectAccount account;

    RecipientDetector(CollectAccount account) {
        this.account = account;
    }

    Detection detect(MessageHeaders headers) {
        if (account.mode() == CollectAccount.Mode.SINGLE_DROP) {
            return new Detection(Detection.Rule.SINGLE_DROP, "", List.of(account.deliverTo().orElseThrow()));
        }
        for (String name : account.envelopeHeaders()) {
            for (String value : headers.all(name)) {
                List<MailAddress> found = withoutIgnored(MessageHeaders.addresses(value));
                if (!found.isEmpty()) return new Detection(Detection.Rule.ENVELOPE_HEADER, name, found);
            }
        }
        List<String> received = headers.all("Received");
        for (int i = account.skipReceived(); i < received.size(); i++) {
            var found = MessageHeaders.receivedFor(received.get(i)).map(List::of).map(this::withoutIgnored).orElse(List.of());
            if (!found.isEmpty()) return new Detection(Detection.Rule.RECEIVED_FOR, "", found);
        }
        List<MailAddress> all = new ArrayList<>();
        for (String name : HEADER_RECIPIENTS) {
            for (String value : headers.all(name)) {
                for (MailAddress a : withoutIgnored(MessageHeaders.addresses(value))) {
                    if (all.stream().noneMatch(x -> x.key().equals(a.key()))) all.add(a);
                }
            }
        }
        if (!all.isEmpty()) return new Detection(Detection.Rule.HEADER_RECIPIENTS, "", all);
        return new Detection(Detection.Rule.NONE, "", List.of());
    }

    private List<MailAddress> withoutIgnored(List<MailAddress> addresses) {
        return addresses.stream().filter(a -> account.ignore().map(i -> !i.key().equals(a.key())).orElse(true)).toList();
    }
}
