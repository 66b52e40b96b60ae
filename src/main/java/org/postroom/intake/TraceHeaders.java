package org.postroom.intake;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.postroom.message.MailAddress;

/** Builds the header fields intake adds in front of a message. */
final class TraceHeaders {
    /** RFC 5322 3.3 date-time, with the English day and month names it requires. */
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private TraceHeaders() {}

    static String date(ZonedDateTime when) {
        return RFC5322.format(when);
    }

    /** RFC 5321 4.4 Time-stamp-line, with RFC 3848 protocol names; never the password, only the login. */
    static String received(Arrival arrival, String hostname, String id, Optional<MailAddress> onlyRecipient, ZonedDateTime when) {
        StringBuilder h = new StringBuilder(256);
        if (arrival.isInternal()) { // written here: no client to name (RFC 5321 4.4 makes the FROM clause optional)
            return h.append("Received: by ").append(hostname).append(" (Postroom) id ").append(id).append(";\r\n\t")
                    .append(date(when)).append("\r\n").toString();
        }
        h.append("Received: from ").append(sanitize(arrival.clientName()))
                .append(" ([").append(arrival.clientAddress().getHostAddress()).append("])\r\n")
                .append("\tby ").append(hostname).append(" (Postroom) with ").append(arrival.protocol())
                .append(" id ").append(id);
        arrival.tls().ifPresent(tls -> h.append("\r\n\t(using ").append(tls).append(')'));
        arrival.authenticatedAs().ifPresent(login -> h.append("\r\n\t(authenticated as ").append(sanitize(login)).append(')'));
        onlyRecipient.ifPresent(rcpt -> h.append("\r\n\tfor <").append(rcpt).append('>'));
        h.append(";\r\n\t").append(date(when)).append("\r\n");
        return h.toString();
    }

    static String returnPath(Optional<MailAddress> sender) {
        return "Return-Path: <" + sender.map(MailAddress::toString).orElse("") + ">\r\n";
    }

    static String messageId(String id, String hostname) {
        return "Message-ID: <" + id + "@" + hostname + ">\r\n";
    }

    /** Keeps client-supplied text from breaking the header: no CR, LF or other controls, bounded length. */
    private static String sanitize(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 255));
        for (int i = 0; i < text.length() && out.length() < 255; i++) {
            char c = text.charAt(i);
            out.append(c < 32 || c == 127 || c == '(' || c == ')' ? '?' : c);
        }
        return out.toString();
    }

    static byte[] bytes(String fields) {
        return fields.getBytes(StandardCharsets.UTF_8);
    }
}
