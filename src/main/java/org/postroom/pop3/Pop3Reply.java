package org.postroom.pop3;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One POP3 response: {@code +OK} or {@code -ERR}, an optional RFC 2449 response code (with {@code -ERR} only),
 * a line of text, and for a multi-line response (RFC 1939 3) its lines, sent dot-stuffed and ended by a line
 * holding a single dot. Messages themselves (RETR, TOP) are streamed from disk, never held in a reply. The fixed
 * replies are in {@link Pop3Replies}.
 *
 * @param body null for a single-line response; the lines (without CRLF) of a multi-line one
 */
public record Pop3Reply(boolean ok, ResponseCode code, String text, List<String> body) {

    public Pop3Reply {
        if (ok && code != null) throw new IllegalArgumentException("response codes go with -ERR only");
        if (!ok && body != null) throw new IllegalArgumentException("-ERR is always one line");
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) throw new IllegalArgumentException("text holds a line end");
        if (body != null) body = List.copyOf(body);
    }

    public static Pop3Reply ok(String text) {
        return new Pop3Reply(true, null, text, null);
    }

    public static Pop3Reply err(String text) {
        return new Pop3Reply(false, null, text, null);
    }

    public static Pop3Reply err(ResponseCode code, String text) {
        return new Pop3Reply(false, code, text, null);
    }

    public static Pop3Reply multiLine(String text, List<String> lines) {
        return new Pop3Reply(true, null, text, lines);
    }

    public boolean isMultiLine() {
        return body != null;
    }

    /** The same status and code with other text. */
    public Pop3Reply withText(String newText) {
        return new Pop3Reply(ok, code, newText, body);
    }

    /** The status line alone: {@code +OK text} or {@code -ERR [CODE] text}, with CRLF. */
    public byte[] statusLine() {
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(ok ? "+OK" : "-ERR");
        if (code != null) out.append(" [").append(code.text()).append(']');
        if (!text.isEmpty()) out.append(' ').append(text);
        return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The whole response as it goes on the wire. */
    public byte[] toWire() {
        if (body == null) return statusLine();
        StringBuilder out = new StringBuilder(new String(statusLine(), StandardCharsets.UTF_8));
        for (String line : body) {
            if (line.startsWith(".")) out.append('.'); // RFC 1939 3: byte-stuff the termination character
            out.append(line).append("\r\n");
        }
        return out.append(".\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String line = new String(statusLine(), StandardCharsets.UTF_8).strip();
        return body == null ? line : line + " (+" + body.size() + " lines)";
    }
}
