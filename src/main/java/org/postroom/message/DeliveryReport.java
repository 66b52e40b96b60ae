package org.postroom.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A delivery status notification (RFC 3464): a {@code multipart/report; report-type=delivery-status} (RFC 6522)
 * with a part for people, a {@code message/delivery-status} part with one field group per recipient, and the
 * original message's header section as {@code text/rfc822-headers}. Built by hand: it is a fixed shape, and
 * nothing needs parsing to write it.
 *
 * @param reportingMta this server's host name (RFC 3464 2.2.2 Reporting-MTA)
 * @param queueId the queued message's id, for the people part and {@code X-Postroom-Queue-ID}
 * @param audience whether the notice goes to the message's sender or to the postmaster
 * @param originalSender the failed message's envelope sender (empty: the null sender)
 * @param to the notice's recipient (the To: field)
 * @param arrivalDate when Postroom accepted the message (RFC 3464 2.2.5 Arrival-Date)
 * @param recipients what is reported, per recipient
 * @param originalHeaders the failed message's header section, possibly cut short
 */
public record DeliveryReport(
        String reportingMta,
        String queueId,
        Audience audience,
        Optional<MailAddress> originalSender,
        MailAddress to,
        Instant arrivalDate,
        List<Recipient> recipients,
        byte[] originalHeaders) {

    /** The most of the original header section a report carries. */
    public static final int MAX_HEADERS = 64 * 1024;
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int MAX_FIELD = 900;

    /** Who reads the notice. */
    public enum Audience { SENDER, POSTMASTER }

    /** RFC 3464 2.3.3 Action. */
    public enum Action { FAILED, DELAYED }

    /**
     * One recipient's field group (RFC 3464 2.3).
     *
     * @param finalRecipient the address Postroom tried (Final-Recipient)
     * @param original the address the sender wrote, when an alias led to {@code finalRecipient} (Original-Recipient)
     * @param action failed or delayed
     * @param status the RFC 3463 code (Status)
     * @param remoteMta the server whose reply this is (Remote-MTA)
     * @param diagnosticCode that server's reply, as it came (Diagnostic-Code: smtp)
     * @param lastAttempt when the last attempt ended (Last-Attempt-Date)
     * @param willRetryUntil for a delayed recipient, when Postroom gives up (Will-Retry-Until)
     * @param explanation one line for people: what happened
     */
    public record Recipient(MailAddress finalRecipient, Optional<MailAddress> original, Action action, String status,
            Optional<String> remoteMta, Optional<String> diagnosticCode, Optional<Instant> lastAttempt,
            Optional<Instant> willRetryUntil, String explanation) {}

    public DeliveryReport {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) throw new IllegalArgumentException("a report needs a recipient");
    }

    /** Reads a message's header section, up to the empty line that ends it, and at most {@link #MAX_HEADERS} octets. */
    public static byte[] readHeaderSection(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b != '\n') continue;
            byte[] bytes = line.toByteArray();
            line.reset();
            if (bytes.length <= 2 && (bytes[0] == '\n' || bytes[0] == '\r')) break; // the empty line
            if (out.size() + bytes.length > MAX_HEADERS) break; // cut at a line boundary
            out.write(bytes);
        }
        return out.toByteArray();
    }

    public boolean delayed() {
        return recipients.stream().allMatch(r -> r.action() == Action.DELAYED);
    }

    /** The whole notice as it is stored or sent: CRLF line ends, {@code Auto-Submitted: auto-replied} (RFC 3834 5). */
    public byte[] toMessage(Instant now, ZoneId zone, String messageId) {
        String boundary = "=_" + queueId + "/" + now.toEpochMilli() + "/" + reportingMta;
        StringBuilder m = new StringBuilder(4096 + originalHeaders.length);
        m.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n");
        m.append("To: <").append(to).append(">\r\n");
        m.append("Subject: ").append(subject()).append("\r\n");
        m.append("Date: ").append(RFC5322.format(now.atZone(zone))).append("\r\n");
        m.append("Message-ID: <").append(messageId).append(">\r\n");
        m.append("Auto-Submitted: auto-replied\r\n");
        m.append("X-Postroom-Queue-ID: ").append(queueId).append("\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n");
        m.append("\r\n");
        m.append("This is a MIME-encapsulated message.\r\n\r\n");

        String human = humanText();
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Notification\r\n");
        m.append("Content-Type: text/plain; charset=utf-8\r\n");
        m.append("Content-Transfer-Encoding: ").append(isAscii(human) ? "7bit" : "8bit").append("\r\n\r\n");
        m.append(human).append("\r\n");

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Delivery report\r\n");
        m.append("Content-Type: message/delivery-status\r\n\r\n");
        m.append(statusFields());

        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Description: Undelivered message headers\r\n");
        m.append("Content-Type: text/rfc822-headers\r\n\r\n");
        byte[] head = m.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + originalHeaders.length + tail.length + 2);
        out.writeBytes(head);
        out.writeBytes(originalHeaders);
        if (originalHeaders.length > 0 && originalHeaders[originalHeaders.length - 1] != '\n') out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private String subject() {
        if (audience == Audience.POSTMASTER) return "Postmaster notice: undeliverable mail";
        return delayed() ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender";
    }

    private String humanText() {
        StringBuilder t = new StringBuilder(1024);
        t.append("This is the mail system at ").append(reportingMta).append(" (Postroom).\r\n\r\n");
        if (audience == Audience.POSTMASTER) {
            t.append("A message from <").append(originalSender.map(MailAddress::toString).orElse(""))
                    .append("> (queue id ").append(queueId).append(") could not be delivered,\r\n")
                    .append("and it could not be returned to its sender: it had no return address,\r\n")
                    .append("or it was itself a delivery notice. It is reported to you instead.\r\n");
        } else if (delayed()) {
            t.append("Your message (queue id ").append(queueId).append(") has not been delivered yet to the\r\n")
                    .append("recipients below. Postroom keeps trying; you do not need to send it again.\r\n")
                    .append("You will hear from Postroom again only if it gives up.\r\n");
        } else {
            t.append("Your message (queue id ").append(queueId).append(") could not be delivered to the\r\n")
                    .append("recipients below, and Postroom has stopped trying. Its header is attached.\r\n");
        }
        t.append("\r\n");
        for (Recipient r : recipients) {
            t.append("<").append(r.finalRecipient()).append(">");
            r.original().ifPresent(o -> t.append(" (sent to <").append(o).append(">)"));
            t.append(": ").append(clean(r.explanation())).append("\r\n");
            if (r.action() == Action.DELAYED) {
                r.willRetryUntil().ifPresent(until -> t.append("    Postroom will keep trying until ")
                        .append(RFC5322.format(until.atZone(ZoneId.of("UTC")))).append(".\r\n"));
            }
        }
        return t.toString();
    }

    /** RFC 3464 2.2 per-message fields, then 2.3 per-recipient fields, each group ending with an empty line. */
    private String statusFields() {
        StringBuilder f = new StringBuilder(512);
        f.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        f.append("X-Postroom-Queue-ID: ").append(queueId).append("\r\n");
        f.append("Arrival-Date: ").append(date(arrivalDate)).append("\r\n");
        for (Recipient r : recipients) {
            f.append("\r\n");
            r.original().ifPresent(o -> f.append("Original-Recipient: rfc822; ").append(o).append("\r\n"));
            f.append("Final-Recipient: rfc822; ").append(r.finalRecipient()).append("\r\n");
            f.append("Action: ").append(r.action().name().toLowerCase(Locale.ROOT)).append("\r\n");
            f.append("Status: ").append(r.status()).append("\r\n");
            r.remoteMta().ifPresent(mta -> f.append("Remote-MTA: dns; ").append(clean(mta)).append("\r\n"));
            r.diagnosticCode().ifPresent(code -> f.append("Diagnostic-Code: smtp; ").append(clean(code)).append("\r\n"));
            r.lastAttempt().ifPresent(at -> f.append("Last-Attempt-Date: ").append(date(at)).append("\r\n"));
            if (r.action() == Action.DELAYED) {
                r.willRetryUntil().ifPresent(at -> f.append("Will-Retry-Until: ").append(date(at)).append("\r\n"));
            }
        }
        return f.append("\r\n").toString();
    }

    private static String date(Instant when) {
        return RFC5322.format(when.atZone(ZoneId.of("UTC")));
    }

    /** One header-safe line: no control characters, bounded length. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_FIELD));
        for (int i = 0; i < text.length() && out.length() < MAX_FIELD; i++) {
            char c = text.charAt(i);
            out.append(c < 32 || c == 127 ? ' ' : c);
        }
        return out.toString();
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }
}
