package org.postroom.smtp;

import static org.postroom.smtp.SmtpVerb.AUTH;
import static org.postroom.smtp.SmtpVerb.BDAT;
import static org.postroom.smtp.SmtpVerb.DATA;
import static org.postroom.smtp.SmtpVerb.MAIL;
import static org.postroom.smtp.SmtpVerb.RCPT;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where an SMTP session is in the RFC 5321 dialogue, and, in one table, the commands each state refuses with the
 * reply that says what must come first (RFC 5321 4.1.4: "503 Bad sequence of commands"). The session checks the
 * table once, before it dispatches a command; whatever a state does not name is allowed. RSET, NOOP, HELP, VRFY,
 * EXPN, QUIT, EHLO and HELO are allowed in every state (RFC 5321 4.1.4); STARTTLS too, and it takes the session
 * back to {@link #INITIAL} (RFC 3207 4.2).
 */
public enum SmtpState {
    /** Greeted by the server, no EHLO/HELO yet (after STARTTLS as well). */
    INITIAL(Map.of(MAIL, Replies.C503_NEED_EHLO, AUTH, Replies.C503_NEED_EHLO,
            RCPT, Replies.C503_NEED_MAIL, DATA, Replies.C503_NEED_MAIL, BDAT, Replies.C503_NEED_MAIL)),
    /** EHLO or HELO given, no mail transaction. */
    GREETED(Map.of(RCPT, Replies.C503_NEED_MAIL, DATA, Replies.C503_NEED_MAIL, BDAT, Replies.C503_NEED_MAIL)),
    /** MAIL accepted: RCPT, then DATA or BDAT, until the end of the message, RSET, EHLO/HELO or STARTTLS. */
    TRANSACTION(Map.of(MAIL, Replies.C503_NESTED_MAIL, AUTH, Replies.C503_AUTH_IN_TRANSACTION));

    private final Map<SmtpVerb, SmtpReply> refused;

    SmtpState(Map<SmtpVerb, SmtpReply> refused) {
        this.refused = new EnumMap<>(refused);
    }

    /** The reply for {@code verb} in this state when it is out of sequence; null when it may run. */
    public SmtpReply refusal(SmtpVerb verb) {
        return verb == null ? null : refused.get(verb);
    }
}
