package org.postroom.smtp;

/** The SMTP commands Postroom knows, by the verb the client sends (RFC 5321 4.1.1, RFC 3207, RFC 4954, RFC 3030). */
public enum SmtpVerb {
    EHLO, HELO, MAIL, RCPT, DATA, BDAT, RSET, NOOP, QUIT, HELP, VRFY, EXPN, STARTTLS, AUTH;

    /** The verb of a parsed command; null for a malformed or unknown one, which has its own reply. */
    public static SmtpVerb of(SmtpCommand command) {
        return switch (command) {
            case SmtpCommand.Hello hello -> hello.extended() ? EHLO : HELO;
            case SmtpCommand.Mail mail -> MAIL;
            case SmtpCommand.Rcpt rcpt -> RCPT;
            case SmtpCommand.Data data -> DATA;
            case SmtpCommand.Bdat bdat -> BDAT;
            case SmtpCommand.Rset rset -> RSET;
            case SmtpCommand.Noop noop -> NOOP;
            case SmtpCommand.Quit quit -> QUIT;
            case SmtpCommand.Help help -> HELP;
            case SmtpCommand.Vrfy vrfy -> VRFY;
            case SmtpCommand.Expn expn -> EXPN;
            case SmtpCommand.StartTls startTls -> STARTTLS;
            case SmtpCommand.Auth auth -> AUTH;
            case SmtpCommand.Malformed malformed -> null;
            case SmtpCommand.Unknown unknown -> null;
        };
    }
}
