package org.postroom.smtp.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.Trace;
import org.postroom.message.MailAddress;
import org.postroom.smtp.SmtpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line for every message or recipient Postroom refuses by policy (unknown user, full mailbox, sender
 * mismatch, internal-only, list policy, relay denied, no smarthost, mail loop), on the same logger as the lines of
 * accepted mail, so that "where did my mail go?" has an answer for refused mail too:
 * {@code session=… client=name[ip] from=<…> to=<…> refused: 550 5.1.1 No such user here}.
 */
final class RefusalLog {
    private static final Logger log = LoggerFactory.getLogger("postroom.mail");

    private RefusalLog() {}

    /** Logs the refusal and returns {@code reply}, for the caller to send. */
    static SmtpReply refused(SmtpSession s, String command, Optional<MailAddress> from, Optional<MailAddress> to, SmtpReply reply) {
        record(s, command, from, to, reply);
        if (log.isInfoEnabled()) {
            StringBuilder line = new StringBuilder(160).append("session=").append(s.sessionId())
                    .append(" client=").append(s.clientName == null ? "" : s.clientName).append('[')
                    .append(s.clientAddress.getHostAddress()).append(']');
            s.authenticated.ifPresent(u -> line.append(" auth=").append(u.address()));
            line.append(" from=<").append(from.map(MailAddress::toString).orElse("")).append('>');
            to.ifPresent(address -> line.append(" to=<").append(address).append('>'));
            line.append(" refused: ").append(reply.code());
            if (reply.status() != null) line.append(' ').append(reply.status());
            line.append(' ').append(String.join(" ", reply.lines()));
            log.info(line.toString());
        }
        return reply;
    }

    /** Records a refusal of the whole message at the end of data (size, line length, bare line ends) in the trace only. */
    static SmtpReply traced(SmtpSession s, String command, SmtpReply reply) {
        return traced(s, command, s.transaction == null ? Optional.empty() : s.transaction.sender, Optional.empty(), reply);
    }

    /** Records a limit's refusal (a declared size over the limit, too many recipients) in the trace only. */
    static SmtpReply traced(SmtpSession s, String command, Optional<MailAddress> from, Optional<MailAddress> to, SmtpReply reply) {
        record(s, command, from, to, reply);
        return reply;
    }

    /**
     * The trace's event: keyed by the session's id (there is no message id yet), with the recipients of the
     * transaction so far when the whole message was refused.
     */
    private static void record(SmtpSession s, String command, Optional<MailAddress> from, Optional<MailAddress> to, SmtpReply reply) {
        Trace trace = s.services.intake().trace();
        List<String> addresses = to.isPresent() ? List.of(to.get().toString())
                : s.transaction == null ? List.of() : s.transaction.recipients.stream().map(r -> r.address().toString()).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("command", command);
        details.put("reply", reply.toString());
        if (s.clientName != null) details.put("helo", s.clientName);
        s.authenticated.ifPresent(u -> details.put("login", u.address().toString()));
        trace.record(new Event(trace.now(), EventKind.REFUSED, door(s.door), s.traceKey(), "", s.clientAddress.getHostAddress(),
                from.map(MailAddress::toString).orElse(""), addresses, details));
    }

    static String door(SmtpDoor door) {
        return switch (door) {
            case MTA -> "smtp";
            case SUBMISSION -> "submission";
            case SUBMISSIONS -> "submissions";
        };
    }
}
