package org.postroom.smtp.server;

import java.util.Optional;
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
    static SmtpReply refused(SmtpSession s, Optional<MailAddress> from, Optional<MailAddress> to, SmtpReply reply) {
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
}
