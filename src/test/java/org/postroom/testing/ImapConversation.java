package org.postroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IMAP client for transcript tests of the selected state, with the tags written in the test (as RFC 3501's
 * examples are): raw bytes (several commands in one write, as iOS pipelines after
 * DONE), one response line at a time, and whole command results up to their tagged line with literals read as the
 * octet count says (a literal's bytes are kept inside the line they belong to, CRLFs and all). {@link RawImap}
 * numbers its tags itself and does TLS.
 */
public final class ImapConversation implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\+?}$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** What a command got: its untagged (and continuation) responses, and its tagged completion line. */
    public record Result(List<String> untagged, String tagged) {
        public Result expectOk() {
            assertThat(tagged).as("tagged response, after %s", untagged).matches("\\S+ OK.*");
            return this;
        }

        /** The untagged responses that match {@code regex}. */
        public List<String> matching(String regex) {
            return untagged.stream().filter(line -> line.matches(regex)).toList();
        }
    }

    private ImapConversation(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; the greeting is left unread. */
    public static ImapConversation connect(int port) throws IOException {
        return new ImapConversation(new Socket("127.0.0.1", port));
    }

    /** Connects, reads the greeting, logs in with LOGIN (loopback: no TLS needed). */
    public static ImapConversation login(int port, String user, String password) throws IOException {
        ImapConversation imap = connect(port);
        assertThat(imap.line()).startsWith("* OK");
        imap.command("L1 LOGIN " + quote(user) + " " + quote(password)).expectOk();
        return imap;
    }

    /** {@code "text"} with quotes and backslashes escaped. */
    public static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Sends the text as is (add the CRLFs yourself): several commands in one write are one packet on loopback. */
    public ImapConversation send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Sends {@code "tag command"} with CRLF and reads up to its tagged response. */
    public Result command(String taggedCommand) throws IOException {
        send(taggedCommand + "\r\n");
        return until(taggedCommand.substring(0, taggedCommand.indexOf(' ')));
    }

    /** Reads responses up to the tagged one of {@code tag}. */
    public Result until(String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            String line = response();
            assertThat(line).as("connection closed before %s's tagged response, after %s", tag, untagged).isNotNull();
            if (line.startsWith(tag + " ")) return new Result(untagged, line);
            untagged.add(line);
        }
        throw new AssertionError("no tagged response for " + tag);
    }

    /** One response: a line, with any literal it announces appended (its bytes as ISO-8859-1) and the line after. */
    public String response() throws IOException {
        String line = line();
        if (line == null) return null;
        StringBuilder whole = new StringBuilder(line);
        for (int guard = 0; guard < 10_000; guard++) {
            Matcher literal = LITERAL_AT_END.matcher(line);
            if (!literal.find()) return whole.toString();
            byte[] bytes = in.readNBytes(Integer.parseInt(literal.group(1)));
            whole.append("\r\n").append(new String(bytes, StandardCharsets.ISO_8859_1));
            line = line();
            if (line == null) return whole.toString();
            whole.append(line);
        }
        return whole.toString();
    }

    /** One line without its CRLF, or null if the server closed the connection. */
    public String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 1 << 24; i++) {
            int b = in.read();
            if (b < 0) return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
            if (b == '\n') {
                byte[] got = bytes.toByteArray();
                int length = got.length > 0 && got[got.length - 1] == '\r' ? got.length - 1 : got.length;
                return new String(got, 0, length, StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
        }
        throw new AssertionError("line too long");
    }

    /** The next line, or null if none arrives within {@code millis} (for "nothing was sent" checks). */
    public String lineWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return line();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(TIMEOUT_MILLIS);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
