package org.postroom.smtp;

import java.util.Map;
import org.postroom.message.AddressParser.Path;

/** One parsed SMTP command (RFC 5321 4.1.1, plus STARTTLS, AUTH and BDAT). Produced by {@link CommandParser}. */
public sealed interface SmtpCommand {

    /** EHLO (extended = true) or HELO with the client's claimed name. */
    record Hello(boolean extended, String domain) implements SmtpCommand {}

    /** MAIL FROM:&lt;path&gt; with its ESMTP parameters, keys upper-cased. */
    record Mail(Path sender, Map<String, String> parameters) implements SmtpCommand {}

    /** RCPT TO:&lt;path&gt; with its ESMTP parameters; {@code <Postmaster>} arrives with the domain left blank. */
    record Rcpt(Path recipient, boolean bareLocalPostmaster, Map<String, String> parameters) implements SmtpCommand {}

    record Data() implements SmtpCommand {}

    /** RFC 3030 BDAT: a chunk of {@code size} octets, the last one when {@code last}. */
    record Bdat(long size, boolean last) implements SmtpCommand {}

    record Rset() implements SmtpCommand {}

    record Noop() implements SmtpCommand {}

    record Quit() implements SmtpCommand {}

    record Help() implements SmtpCommand {}

    record Vrfy() implements SmtpCommand {}

    record Expn() implements SmtpCommand {}

    record StartTls() implements SmtpCommand {}

    /** AUTH mechanism [initial-response] (RFC 4954). */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {}

    /** A known verb with arguments that do not parse; {@code reply} says why. */
    record Malformed(SmtpReply reply) implements SmtpCommand {}

    /** A verb Postroom does not know. */
    record Unknown(String verb) implements SmtpCommand {}
}
