package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.TestPostroom;
import org.slf4j.LoggerFactory;

/**
 * Whole-session fuzzing, as mox does: one real Postroom, then many connections that each send a random mix of
 * valid commands, damaged commands, SMTP-alphabet noise, raw bytes, long lines, DATA and BDAT bodies. Checked:
 * every byte the server sends back is a well-formed RFC 5321 4.2 reply (or TLS, after a 220 to STARTTLS); the
 * server closes once the client is done; in "strict" sessions (one reply per line expected) it answers every
 * line; no session ends in an unexpected exception in the server; and afterwards the server still delivers mail
 * and has no connection slot left taken.
 *
 * <p>Reproduce a run with {@code -Dpostroom.fuzz.seed=<seed printed by the test>}; {@code -Dpostroom.fuzz.tries}
 * changes the number of sessions (200).
 */
class SmtpSessionFuzzTest {
    private static final Pattern REPLY_LINE = Pattern.compile("([2-5][0-9][0-9])([ -])?(.*)");
    private static final Pattern ENHANCED = Pattern.compile("([245])\\.[0-9]{1,3}\\.[0-9]{1,3}( .*)?");
    private static final int MAX_PER_CLIENT = 5;
    private static final String CONFIG = """
            [smtp]
            port = 0
            submission_port = 0
            submissions_port = 0
            max_errors = 25
            idle_timeout = "10s"
            max_message_size = 65536
            max_connections_per_client = %d
            [auth]
            failure_delay = "0s"
            max_failures = 1000
            """.formatted(MAX_PER_CLIENT);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void randomSessionsGetWellFormedRepliesAndTheServerSurvives() throws Exception {
        long seed = Long.getLong("postroom.fuzz.seed", System.nanoTime());
        int tries = Integer.getInteger("postroom.fuzz.tries", 200);
        System.out.println("SmtpSessionFuzzTest: seed " + seed + " (rerun with -Dpostroom.fuzz.seed=" + seed + "), " + tries + " sessions");
        Random random = new Random(seed);

        Logger postroomLog = (Logger) LoggerFactory.getLogger("org.postroom");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        postroomLog.addAppender(logged);
        try (TestPostroom postroom = TestPostroom.start(dir, CONFIG)) {
            postroom.addUser("alice");
            SessionScripts generator = new SessionScripts(random);
            int strictSessions = 0; // strict sessions whose replies were counted
            int closedByServer = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            int sessions = 0;
            for (int i = 0; i < tries && System.nanoTime() < deadline; i++, sessions++) {
                boolean strict = random.nextInt(3) == 0;
                SmtpDoor door = random.nextInt(4) == 0 ? SmtpDoor.SUBMISSION : SmtpDoor.MTA;
                SessionScripts.Script script = generator.script(strict);
                Outcome outcome = run(postroom.port(door), script);
                String context = "session " + i + " (seed " + seed + ", " + door + (strict ? ", strict" : "") + ")\nsent: "
                        + printable(script.bytes()) + "\nreceived: " + printable(outcome.received);
                if (check(outcome, script, strict, context)) strictSessions++;
                if (outcome.lastCode == 421) closedByServer++;
            }
            System.out.println("SmtpSessionFuzzTest: " + sessions + " sessions, " + strictSessions + " strict with every line answered, "
                    + closedByServer + " ended by the server with 421");

            assertThat(warningsIn(logged)).as("warnings and errors logged by the server during the fuzzing").isEmpty();
            assertNoConnectionSlotLeaked(postroom.smtpPort());
            assertAMessageIsStillDelivered(postroom, seed);
        } finally {
            postroomLog.detachAppender(logged);
        }
    }

    // ---- one session ----

    /** What came back: the bytes, whether the connection was reset, and the code of the last final reply line. */
    record Outcome(byte[] received, boolean reset, int lastCode) {}

    private static Outcome run(int port, SessionScripts.Script script) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (byte[] item : script.items()) {
                        out.write(item);
                        out.flush();
                    }
                    socket.shutdownOutput();
                } catch (IOException e) {
                    // the server may close first (421 after too many errors, STARTTLS failing): that is allowed
                }
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean reset = false;
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) received.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                fail("the server neither answered nor closed within 20 s; received so far: " + printable(received.toByteArray()));
            } catch (IOException e) {
                reset = true; // connection reset: the server closed with input unread
            }
            writer.join(10_000);
            return new Outcome(received.toByteArray(), reset, lastFinalCode(received.toByteArray()));
        }
    }

    /** Checks one session; true when it was strict and its replies could be counted. */
    private static boolean check(Outcome outcome, SessionScripts.Script script, boolean strict, String context) {
        byte[] bytes = outcome.received;
        List<String> lines = new ArrayList<>();
        int start = 0;
        boolean tls = false;
        while (start < bytes.length) {
            int lf = indexOf(bytes, (byte) '\n', start);
            if (lf < 0) {
                if (!outcome.reset) fail("a reply line without CRLF at the end of the stream\n" + context);
                break;
            }
            if (lf == start || bytes[lf - 1] != '\r') fail("a bare LF in a reply\n" + context);
            String line = decode(bytes, start, lf - 1 - start, context);
            if (line.indexOf('\r') >= 0) fail("a bare CR in a reply\n" + context);
            lines.add(line);
            start = lf + 1;
            checkLine(line, lines.size() == 1, context);
            // RFC 3207 4: after "220" to STARTTLS the bytes are TLS (perhaps an alert), not replies.
            if (lines.size() > 1 && line.startsWith("220 ")) {
                tls = true;
                break;
            }
        }
        assertThat(lines).as("the greeting\n%s", context).isNotEmpty();
        assertThat(lines.getFirst()).as("the greeting\n%s", context).isEqualTo("220 mx.office.test ESMTP Postroom");
        checkMultiLineReplies(lines, context);
        if (strict && !tls && !outcome.reset && outcome.lastCode != 421) {
            long finals = lines.stream().filter(SmtpSessionFuzzTest::isFinal).count();
            assertThat(finals).as("one reply per command line (plus the greeting)\n%s", context).isEqualTo(1L + script.lines());
            return true;
        }
        return false;
    }

    /** RFC 5321 4.2: Reply-code [("-" / SP) textstring]; RFC 2034: an enhanced code's class matches the reply's. */
    private static void checkLine(String line, boolean greeting, String context) {
        Matcher m = REPLY_LINE.matcher(line);
        if (!m.matches()) fail("not an SMTP reply line: " + printable(line) + "\n" + context);
        if (m.group(2) == null && !m.group(3).isEmpty()) fail("no SP or '-' after the reply code: " + printable(line) + "\n" + context);
        String text = m.group(3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 32 && c != '\t' || c == 127) fail("a control character in a reply: " + printable(line) + "\n" + context);
        }
        Matcher enhanced = ENHANCED.matcher(text);
        if (!greeting && enhanced.matches() && line.charAt(0) != '3') {
            assertThat(enhanced.group(1)).as("class of the enhanced code in %s\n%s", line, context).isEqualTo(line.substring(0, 1));
        }
    }

    /** Continuation lines and the final line of one reply carry the same code. */
    private static void checkMultiLineReplies(List<String> lines, String context) {
        String code = null;
        for (String line : lines) {
            if (code != null && !line.startsWith(code)) fail("a multi-line reply changes its code at " + printable(line) + "\n" + context);
            code = isFinal(line) ? null : line.substring(0, 3);
        }
    }

    private static boolean isFinal(String line) {
        return line.length() == 3 || line.charAt(3) == ' ';
    }

    private static int lastFinalCode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int code = 0;
        for (String line : text.split("\r\n")) {
            if (line.length() >= 3 && line.substring(0, 3).chars().allMatch(Character::isDigit) && (line.length() == 3 || line.charAt(3) == ' ')) {
                code = Integer.parseInt(line.substring(0, 3));
            }
        }
        return code;
    }

    // ---- after the fuzzing ----

    private static List<String> warningsIn(ListAppender<ILoggingEvent> logged) {
        synchronized (logged) {
            return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage()))
                    .toList();
        }
    }

    /** Every session's slot was given back: as many connections as one client may hold are all greeted. */
    private static void assertNoConnectionSlotLeaked(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> greetings;
        do {
            greetings = new ArrayList<>();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_PER_CLIENT; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(10_000);
                    sockets.add(socket);
                    greetings.add(readLine(socket.getInputStream()));
                }
            } finally {
                for (Socket socket : sockets) socket.close();
            }
            if (greetings.stream().allMatch(g -> g.startsWith("220 "))) return;
            Thread.sleep(200); // a session may still be ending on the server's side
        } while (System.nanoTime() < deadline);
        fail("after the fuzzing, " + MAX_PER_CLIENT + " connections at once are not all greeted (a slot leaked?): " + greetings);
    }

    private static void assertAMessageIsStillDelivered(TestPostroom postroom, long seed) throws IOException {
        String token = "survivor-" + seed;
        try (Socket socket = new Socket("127.0.0.1", postroom.smtpPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            assertThat(readReply(in)).startsWith("220 ");
            assertThat(command(in, out, "EHLO client.test")).startsWith("250 ");
            assertThat(command(in, out, "MAIL FROM:<bob@example.com>")).startsWith("250 ");
            assertThat(command(in, out, "RCPT TO:<postmaster@office.test>")).startsWith("250 ");
            assertThat(command(in, out, "DATA")).startsWith("354 ");
            assertThat(command(in, out, "Subject: " + token + "\r\n\r\nThe server survived.\r\n.")).startsWith("250 ");
            assertThat(command(in, out, "QUIT")).startsWith("221 ");
        }
        // Fuzzed BDAT chunks were delivered too, with any bytes: read as ISO-8859-1, which takes them all.
        assertThat(postroom.delivered("postmaster").stream().map(SmtpSessionFuzzTest::readLatin1).filter(m -> m.contains("Subject: " + token + "\r\n")))
                .as("the message sent after the fuzzing").hasSize(1);
    }

    private static String readLatin1(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String command(InputStream in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readReply(in);
    }

    /** The last line of a reply. */
    private static String readReply(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            if (isFinal(line)) return line;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') line.write(b);
        if (b < 0) return "<closed>";
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    // ---- helpers ----

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }

    private static String decode(byte[] bytes, int offset, int length, String context) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("a reply that is not UTF-8\n" + context, e);
        }
    }

    private static String printable(byte[] bytes) {
        String text = printable(new String(bytes, StandardCharsets.ISO_8859_1));
        return text.length() > 4000 ? text.substring(0, 4000) + "...(" + bytes.length + " bytes)" : text;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\r') out.append("\\r");
            else if (c == '\n') out.append("\\n\n");
            else if (c < 32 || c >= 127 && c < 160) out.append(String.format("\\x%02x", (int) c));
            else out.append(c);
        }
        return out.toString();
    }
}
