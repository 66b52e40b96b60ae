package org.postroom.queue;

import java.util.Optional;
import org.postroom.smtp.SmtpReply;

/**
 * Why the last attempt for a recipient ended as it did, in the terms a delivery status notification uses
 * (RFC 3464 2.3.4 Status, 2.3.5 Remote-MTA, 2.3.6 Diagnostic-Code).
 *
 * @param status the RFC 3463 status, {@code 4.4.1} or {@code 5.1.1}
 * @param text for a reply from the remote side, the reply as it came ({@code 550 5.1.1 No such user}); otherwise
 *     Postroom's own explanation ({@code connection refused by smtp.example.net:587})
 * @param remoteMta the smarthost that gave the reply, when it came from one
 * @param smtpReply {@code text} is an SMTP reply (a {@code Diagnostic-Code: smtp;} field), not Postroom's words
 * @param configProblem the smarthost refused Postroom's login or TLS: the administrator's problem, never the
 *     sender's, so nothing is bounced for it before the message's lifetime ends
 */
public record Diagnosis(String status, String text, Optional<String> remoteMta, boolean smtpReply, boolean configProblem) {

    /** A reply from {@code remoteMta}; 5xx replies without an enhanced code get {@code 5.0.0}, 4xx {@code 4.0.0}. */
    public static Diagnosis reply(SmtpReply reply, String remoteMta) {
        String status = reply.status() != null ? reply.status().toString() : (reply.code() / 100) + ".0.0";
        return new Diagnosis(status, oneLine(reply), Optional.of(remoteMta), true, false);
    }

    /** Postroom's own finding, with no remote reply behind it. */
    public static Diagnosis local(String status, String text) {
        return new Diagnosis(status, text, Optional.empty(), false, false);
    }

    public Diagnosis asConfigProblem() {
        return new Diagnosis(status, text, remoteMta, smtpReply, true);
    }

    public boolean isPermanent() {
        return status.startsWith("5");
    }

    /** The reply on one line, as logs and reports show it: {@code 550 5.1.1 first line / second line}. */
    private static String oneLine(SmtpReply reply) {
        return reply.toString();
    }

    @Override
    public String toString() {
        return text + remoteMta.map(m -> " (from " + m + ")").orElse("");
    }
}
