package org.postroom.smtp.server;

import java.util.Map;
import java.util.Optional;
import org.postroom.directory.Postmaster;
import org.postroom.directory.Resolution;
import org.postroom.directory.User;
import org.postroom.intake.Envelope;
import org.postroom.message.MailAddress;
import org.postroom.router.RouteDecision;
import org.postroom.router.SenderContext;
import org.postroom.smtp.Replies;
import org.postroom.smtp.SmtpCommand;
import org.postroom.smtp.SmtpReply;

/**
 * MAIL and RCPT (RFC 5321 4.1.1.2 and 4.1.1.3): the envelope, checked against the session's rights. Their order
 * (EHLO before MAIL, MAIL before RCPT, one MAIL per transaction) is {@link org.postroom.smtp.SmtpState}'s.
 */
final class EnvelopeCommands {
    private EnvelopeCommands() {}

    static SmtpReply mail(SmtpSession s, SmtpCommand.Mail mail) {
        if (s.door.authRequired && s.authenticated.isEmpty()) {
            return s.authAllowedHere() ? Replies.C530_AUTH_REQUIRED : Replies.C530_TLS_REQUIRED;
        }
        long declaredSize = 0;
        boolean smtpUtf8 = false;
        for (Map.Entry<String, String> p : mail.parameters().entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> { // RFC 1870 6
                    if (value == null || !value.matches("[0-9]{1,18}")) return Replies.C501_SYNTAX.withText("Bad SIZE value");
                    declaredSize = Long.parseLong(value);
                    if (declaredSize > s.settings.maxMessageSize()) {
                        return RefusalLog.traced(s, "MAIL", Optional.ofNullable(mail.sender().address()), Optional.empty(),
                                Replies.C552_MESSAGE_TOO_BIG);
                    }
                }
                case "BODY" -> { // RFC 6152 2
                    if (value == null || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
                        return Replies.C501_SYNTAX.withText("BODY must be 7BIT or 8BITMIME");
                    }
                }
                case "SMTPUTF8" -> { // RFC 6531 3.4
                    if (value != null) return Replies.C501_SYNTAX.withText("SMTPUTF8 takes no value");
                    smtpUtf8 = true;
                }
                case "AUTH" -> { } // RFC 4954 5: accepted, not relayed further
                default -> {
                    return Replies.C555_UNSUPPORTED_PARAMETER;
                }
            }
        }
        Optional<MailAddress> sender = Optional.ofNullable(mail.sender().address());
        if (sender.isPresent() && !smtpUtf8 && !isAscii(sender.get())) return Replies.C553_NOT_UTF8_ALLOWED;
        if (s.door.authRequired && s.settings.requireSenderMatch() && !ownsAddress(s, sender)) {
            return RefusalLog.refused(s, "MAIL", sender, Optional.empty(), Replies.C553_SENDER_NOT_OWNED);
        }
        s.beginTransaction(new MailTransaction(sender, declaredSize, smtpUtf8));
        return Replies.C250_SENDER_OK;
    }

    static SmtpReply rcpt(SmtpSession s, SmtpCommand.Rcpt rcpt) {
        if (!rcpt.parameters().isEmpty()) return Replies.C555_UNSUPPORTED_PARAMETER;
        if (s.transaction.recipients.size() >= s.settings.maxRecipients()) {
            return RefusalLog.traced(s, "RCPT", s.transaction.sender, Optional.ofNullable(rcpt.recipient()).map(r -> r.address()),
                    Replies.C452_TOO_MANY_RECIPIENTS);
        }
        MailAddress recipient;
        if (rcpt.bareLocalPostmaster()) {
            // RFC 5321 4.1.1.3: <Postmaster> is the postmaster of the first (primary) local domain.
            Optional<MailAddress> postmaster = Postmaster.primary(s.services.directory());
            if (postmaster.isEmpty()) return RefusalLog.refused(s, "RCPT", s.transaction.sender, Optional.empty(), Replies.C550_UNKNOWN_USER);
            recipient = postmaster.get();
        } else {
            recipient = rcpt.recipient().address();
        }
        if (!s.transaction.smtpUtf8 && !isAscii(recipient)) return Replies.C553_NOT_UTF8_ALLOWED;

        RouteDecision decision = s.services.router().route(recipient, senderContext(s), s.transaction.declaredSize);
        return switch (decision) {
            case RouteDecision.Local local -> {
                s.transaction.recipients.add(new Envelope.Recipient(recipient, local.users()));
                yield Replies.C250_RECIPIENT_OK;
            }
            case RouteDecision.Outbound outbound -> {
                s.transaction.recipients.add(new Envelope.Recipient(recipient, outbound.users(), outbound.remote()));
                yield Replies.C250_RECIPIENT_OK;
            }
            case RouteDecision.Refused refused ->
                    RefusalLog.refused(s, "RCPT", s.transaction.sender, Optional.of(recipient), reply(refused.reason()));
        };
    }

    private static SmtpReply reply(RouteDecision.Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN_USER -> Replies.C550_UNKNOWN_USER;
            case MAILBOX_DISABLED -> Replies.C550_MAILBOX_DISABLED;
            case RELAY_DENIED -> Replies.C550_RELAY_DENIED;
            case INTERNAL_ONLY -> Replies.C550_INTERNAL_ONLY;
            case INTERNAL_ONLY_RECIPIENT -> Replies.C550_INTERNAL_ONLY_RECIPIENT;
            case LOCAL_SENDERS_ONLY -> Replies.C550_LOCAL_SENDERS_ONLY;
            case RELAY_NOT_CONFIGURED -> Replies.C451_RELAY_NOT_CONFIGURED;
            case OVER_QUOTA_TEMPORARY -> Replies.C452_OVER_QUOTA;
            case OVER_QUOTA_PERMANENT -> Replies.C552_OVER_QUOTA;
        };
    }

    /** Once per transaction: the login and network cannot change inside one (AUTH and STARTTLS are refused there). */
    private static SenderContext senderContext(SmtpSession s) {
        if (s.transaction.senderContext == null) {
            Optional<User> envelopeUser = s.transaction.sender.flatMap(s.services.directory()::findUser);
            s.transaction.senderContext = new SenderContext(s.authenticated, s.trustedNetwork, envelopeUser);
        }
        return s.transaction.senderContext;
    }

    /** The sender is the logged-in user's own address, one of its tagged forms, or an alias that reaches only them. */
    private static boolean ownsAddress(SmtpSession s, Optional<MailAddress> sender) {
        if (s.authenticated.isEmpty()) return false;
        if (sender.isEmpty()) return true; // the null sender: read receipts (RFC 8098) and vacation replies
        User user = s.authenticated.get();
        if (s.services.directory().findGroup(sender.get()).isPresent()) return false;
        return s.services.directory().resolve(sender.get()) instanceof Resolution.Deliver deliver
                && deliver.users().size() == 1 && deliver.users().contains(user) && deliver.external().isEmpty();
    }

    private static boolean isAscii(MailAddress address) {
        return address.localPart().chars().allMatch(c -> c < 128) && address.domain().chars().allMatch(c -> c < 128);
    }
}
