package org.postroom.relay;

import java.util.Optional;
import org.postroom.queue.DeliveryAgent.Outcome;
import org.postroom.queue.DeliveryAgent.Outgoing;
import org.postroom.queue.Diagnosis;
import org.postroom.smtp.EnhancedStatus;
import org.postroom.smtp.SmtpReply;
import org.postroom.smtp.client.Answer;
import org.postroom.smtp.client.Extensions;
import org.postroom.smtp.client.SmtpClientException;
import org.postroom.smtp.client.SmtpClientException.Kind;
import org.postroom.smtp.client.SmtpClientException.Stage;

/**
 * What the smarthost's answers mean for the mail: the one place where replies become delivered, deferred or
 * failed. Before MAIL, nothing is the sender's fault: a refused greeting, TLS or login defers (and TLS or login
 * problems, including a smarthost that sends data before the STARTTLS handshake, are flagged for the administrator). From MAIL on, 2xx delivers, 4xx defers and 5xx fails, as RFC 5321
 * 4.2.1 says, except {@code 530} (the smarthost wants a login Postroom did not give), which is configuration.
 */
final class Outcomes {
    private Outcomes() {}

    /** Why a connection could not be made ready (connect, greeting, EHLO, STARTTLS, AUTH). Always temporary. */
    static Diagnosis ofSetup(SmtpClientException e, String host) {
        return switch (e.kind()) {
            case CONNECT_FAILED -> Diagnosis.local("4.4.1", e.getMessage());
            case TIMEOUT, CONNECTION_LOST -> Diagnosis.local("4.4.2", e.getMessage());
            // RFC 3207 5 (CVE-2011-0411): bytes between STARTTLS's 220 and the handshake are an injection on the way to
            // the smarthost, or a smarthost that cannot do STARTTLS right; either way the administrator's to fix, like a
            // certificate not believed.
            case PROTOCOL_ERROR -> e.stage() == Stage.STARTTLS
                    ? new Diagnosis("4.7.0", e.getMessage(), Optional.of(host), false, true)
                    : Diagnosis.local("4.5.0", e.getMessage());
            case TLS -> new Diagnosis("4.7.5", e.getMessage(), Optional.of(host), false, true);
            case NO_AUTH_MECHANISM -> new Diagnosis("4.7.0", e.getMessage(), Optional.of(host), false, true);
            case REFUSED -> {
                SmtpReply reply = e.reply().orElseThrow();
                Diagnosis d = temporary(Diagnosis.reply(reply, host));
                boolean config = e.stage() == Stage.AUTH && reply.code() >= 500 || e.stage() == Stage.STARTTLS;
                yield config ? d.asConfigProblem() : d;
            }
        };
    }

    /** One recipient's answer from a transaction. */
    static Outcome of(Answer answer, String host) {
        return switch (answer) {
            case Answer.Replied replied -> {
                SmtpReply reply = replied.reply();
                Diagnosis d = Diagnosis.reply(reply, host);
                if (reply.isPositive()) yield new Outcome.Delivered(d);
                if (reply.code() == 530) yield new Outcome.Deferred(temporary(d).asConfigProblem()); // RFC 4954 6: auth required
                yield reply.isTransient() ? new Outcome.Deferred(d) : new Outcome.Failed(d);
            }
            case Answer.Broken broken -> new Outcome.Deferred(Diagnosis.local(broken.kind() == Kind.PROTOCOL_ERROR ? "4.5.0" : "4.4.2",
                    broken.why()));
        };
    }

    /** A reason the smarthost cannot take this message at all, found from its EHLO before sending anything. */
    static Optional<Diagnosis> cannotCarry(Outgoing message, Extensions ext, String host) {
        if (ext.maxSize() > 0 && message.size() > ext.maxSize()) { // RFC 1870 4
            return Optional.of(new Diagnosis("5.3.4", "the message (" + message.size() + " octets) is larger than the smarthost's limit of "
                    + ext.maxSize() + " octets (SIZE, RFC 1870)", Optional.of(host), false, false));
        }
        if (message.eightBit() && !ext.eightBitMime()) { // RFC 6152 3: 8-bit content only to a server that offers 8BITMIME
            return Optional.of(new Diagnosis("5.6.3", "the message has 8-bit content and the smarthost does not accept it (no 8BITMIME, "
                    + "RFC 6152); Postroom does not convert messages", Optional.of(host), false, false));
        }
        if (message.smtpUtf8() && !ext.smtpUtf8()) { // RFC 6531 3.4: no downgrade
            return Optional.of(new Diagnosis("5.6.7", "the message has UTF-8 addresses or header fields and the smarthost does not "
                    + "accept them (no SMTPUTF8, RFC 6531)", Optional.of(host), false, false));
        }
        return Optional.empty();
    }

    /** The same diagnosis, counted as temporary: a 5xx before MAIL says nothing about the mail. */
    private static Diagnosis temporary(Diagnosis d) {
        if (!d.isPermanent()) return d;
        EnhancedStatus s = EnhancedStatus.of(d.status());
        return new Diagnosis(new EnhancedStatus(4, s.subject(), s.detail()).toString(), d.text(), d.remoteMta(), d.smtpReply(), d.configProblem());
    }
}
