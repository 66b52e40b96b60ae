package org.postroom.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One SMTP reply: the RFC 5321 code, the RFC 3463 enhanced code (absent only where RFC 2034 forbids it:
 * the greeting and the EHLO reply), and one or more lines of text. Replies are values; the fixed ones are in
 * {@link Replies}.
 */
public record SmtpReply(int code, EnhancedStatus status, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) throw new IllegalArgumentException("reply code " + code);
        lines = List.copyOf(lines);
        if (lines.isEmpty()) throw new IllegalArgumentException("a reply needs text");
    }

    public SmtpReply(int code, String status, String text) {
        this(code, status == null ? null : EnhancedStatus.of(status), List.of(text));
    }

    /** The same code and status with other text: for replies that name something, such as an address. */
    public SmtpReply withText(String text) {
        return new SmtpReply(code, status, List.of(text));
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** The reply as it goes on the wire: {@code 250-...} continuation lines, {@code 250 ...} last, CRLF each. */
    public byte[] toWire() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) out.append(status).append(' ');
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return code + (status == null ? "" : " " + status) + " " + String.join(" / ", lines);
    }
}
