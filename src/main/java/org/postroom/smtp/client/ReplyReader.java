package org.postroom.smtp.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.postroom.net.LineInput;
import org.postroom.smtp.ReplyParser;
import org.postroom.smtp.SmtpReply;
import org.postroom.smtp.client.SmtpClientException.Kind;
import org.postroom.smtp.client.SmtpClientException.Stage;

/**
 * Reads one SMTP reply off a {@link SmtpClient}'s connection (RFC 5321 4.2): its lines up to the last one, within
 * bounds on a line's length and on their number, then parsed strictly by {@link ReplyParser}. The other direction's
 * wire encoding is {@link DotStuffing}.
 *
 * <p>SECURITY: the lines are the remote server's; a line or reply too long, or something that is not a reply, ends
 * the conversation ({@link Kind#PROTOCOL_ERROR}) rather than being guessed at.
 */
final class ReplyReader {
    /** RFC 5321 4.5.3.1.5 allows 512 octets per reply line; some servers send more. */
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 200;

    private ReplyReader() {}

    /**
     * One whole reply; the caller bounds the wait (the socket timeout) and turns an {@link IOException} into a broken
     * connection. {@code server} names the server in errors.
     */
    static SmtpReply read(LineInput in, Object server, Stage stage) throws IOException, SmtpClientException {
        List<String> lines = new ArrayList<>(1);
        while (true) {
            LineInput.Line line = in.readLine(MAX_REPLY_LINE);
            if (line == null) throw new SmtpClientException(stage, Kind.CONNECTION_LOST, null, server + " closed the connection at " + stage, null);
            if (line.overflow()) throw new SmtpClientException(stage, Kind.PROTOCOL_ERROR, null, server + " sent a reply line over " + MAX_REPLY_LINE + " octets", null);
            String text = new String(line.bytes(), StandardCharsets.UTF_8).stripTrailing();
            lines.add(text);
            if (ReplyParser.isLast(text)) break;
            if (lines.size() >= MAX_REPLY_LINES) throw new SmtpClientException(stage, Kind.PROTOCOL_ERROR, null, server + " sent a reply of over " + MAX_REPLY_LINES + " lines", null);
        }
        try {
            return ReplyParser.parse(lines);
        } catch (ReplyParser.MalformedReply e) {
            throw new SmtpClientException(stage, Kind.PROTOCOL_ERROR, null, server + " sent something that is not an SMTP reply at " + stage + ": " + e.getMessage(), e);
        }
    }
}
