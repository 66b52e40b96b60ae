package org.postroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-exact IMAP client for transcript tests: raw bytes (several commands in one write, as iOS pipelines after
 * DONE), one response line at a time, and whole command results up to their tagged line with literals read as the
 * octet count says (a literal's bytes are kept inside the line they belong to, CRLFs and all). STARTTLS on the same
 * socket and implicit TLS (any certificate trusted). It reads through a buffer of its own, so nothing the server
 * sends after a response is lost when the socket is switched to TLS.
 */
public final class RawImap extends RawConnection<RawImap> {
    private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\+?}$");

    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

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

        /** Every line, the untagged ones and then the tagged one. */
        public List<String> all() {
            List<String> all = new ArrayList<>(untagged);
            all.add(tagged);
            return all;
        }
    }

    private RawImap(Socket socket) throws IOException {
        super(socket);
    }

    /** Connects to 127.0.0.1:{@code port}; the greeting is left unread. */
    public static RawImap connect(int port) throws IOException {
        return new RawImap(TrustAnyTls.connect(port));
    }

    /** Connects with implicit TLS (any certificate trusted); the greeting is left unread. */
    public static RawImap connectTls(int port) throws IOException {
        return new RawImap(TrustAnyTls.handshake(new Socket("127.0.0.1", port)));
    }

    /** Connects, reads the greeting, logs in with LOGIN (loopback: no TLS needed). */
    public static RawImap login(int port, String user, String password) throws IOException {
        RawImap imap = connect(port);
        assertThat(imap.line()).startsWith("* OK");
        imap.command("L1 LOGIN " + quote(user) + " " + quote(password)).expectOk();
        return imap;
    }

    /** {@code "text"} with quotes and backslashes escaped. */
    public static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
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
            byte[] bytes = read(Integer.parseInt(literal.group(1)));
            whole.append("\r\n").append(new String(bytes, StandardCharsets.ISO_8859_1));
            line = line();
            if (line == null) return whole.toString();
            whole.append(line);
        }
        return whole.toString();
    }

    /** One line without its CRLF (ISO-8859-1), or null if the server closed the connection. */
    public String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < 1 << 24; i++) {
            if (start == end && !fill()) return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
            int b = buffer[start++] & 0xFF;
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
        int old = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return line();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(old);
        }
    }

    /** The next {@code n} octets exactly. */
    public byte[] read(int n) throws IOException {
        byte[] bytes = new byte[n];
        int done = 0;
        while (done < n) {
            if (start == end && !fill()) throw new IOException("connection closed inside a literal");
            int take = Math.min(n - done, end - start);
            System.arraycopy(buffer, start, bytes, done, take);
            start += take;
            done += take;
        }
        return bytes;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) return false;
        start = 0;
        end = n;
        return true;
    }

    /** Whether the server closes the connection (reading past any {@code * BYE}); a timeout or another line means no. */
    public boolean isClosedByServer() throws IOException {
        try {
            for (int i = 0; i < 100; i++) {
                String line = line();
                if (line == null) return true;
                if (!line.startsWith("* BYE")) return false;
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the peer
        }
    }

    /** After OK to STARTTLS: the TLS handshake over the same socket (any certificate is trusted). */
    public void startTls() throws IOException {
        if (start < end) throw new IOException("server sent data after its STARTTLS answer: " + (end - start) + " octets");
        attach(TrustAnyTls.handshake(socket));
    }
}
