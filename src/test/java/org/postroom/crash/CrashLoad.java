package org.postroom.crash;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of the crash test: client threads sending messages over plain SMTP, each with its own token, and
 * a ledger of how far each message got. A token is {@link State#SENT} once the final {@code .} is on its way
 * (from then on Postroom may have it) and {@link State#ACKED} once the 250 reply was read.
 */
final class CrashLoad {
    /** How far a message got, as the client saw it. */
    enum State { SENT, ACKED, REFUSED }

    /** Every message goes to the postmaster; a third of them to alice as well (one file, hard-linked twice). */
    static final String POSTMASTER = "postmaster@office.test";
    static final String ALICE = "alice@office.test";
    private static final Pattern TOKEN = Pattern.compile("Message-ID: <(r[0-9]+-t[0-9]+-n[0-9]+)@crash\\.test>\r\n");
    private static final int MESSAGES_PER_CONNECTION = 25;

    final Map<String, State> ledger = new ConcurrentHashMap<>();
    private final int port;
    private final int round;
    private final int maxMessages;
    private final long deadlineNanos;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> surprises = java.util.Collections.synchronizedList(new ArrayList<>());

    CrashLoad(int port, int round, int maxMessages, long deadlineNanos) {
        this.port = port;
        this.round = round;
        this.maxMessages = maxMessages;
        this.deadlineNanos = deadlineNanos;
    }

    void start(int clients) {
        for (int t = 0; t < clients; t++) {
            int client = t;
            threads.add(Thread.ofPlatform().name("crash-load-" + round + "-" + t).start(() -> run(client)));
        }
    }

    int acked() {
        return acked.get();
    }

    /** Tells the clients to stop and waits for them (they stop at once when the server is gone). */
    void stopAndJoin() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(20_000);
            if (thread.isAlive()) {
                thread.interrupt();
                throw new AssertionError(thread.getName() + " did not stop within 20 s");
            }
        }
    }

    /** Replies that were neither 250 nor a lost connection while the server was up: worth reporting. */
    List<String> surprises() {
        return List.copyOf(surprises);
    }

    private boolean keepGoing() {
        return !stop.get() && System.nanoTime() < deadlineNanos;
    }

    private void run(int client) {
        int sequence = 0;
        while (keepGoing()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.setSoTimeout(15_000);
                InputStream in = socket.getInputStream();
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
                expect(reply(in), 220, "greeting");
                expect(command(in, out, "EHLO load" + client + ".client.test"), 250, "EHLO");
                for (int i = 0; i < MESSAGES_PER_CONNECTION && keepGoing(); i++) {
                    if (started.incrementAndGet() > maxMessages) {
                        stop.set(true);
                        break;
                    }
                    sendOne(in, out, "r" + round + "-t" + client + "-n" + sequence++);
                }
                if (!stop.get()) command(in, out, "QUIT");
            } catch (IOException e) {
                // The server was killed (connection refused, reset or closed): retry until told to stop.
                sleep(20);
            }
        }
    }

    private void sendOne(InputStream in, OutputStream out, String token) throws IOException {
        expect(command(in, out, "MAIL FROM:<loader@client.test>"), 250, "MAIL");
        for (String recipient : recipients(token)) expect(command(in, out, "RCPT TO:<" + recipient + ">"), 250, "RCPT");
        expect(command(in, out, "DATA"), 354, "DATA");
        out.write(dotStuffed(message(token)));
        ledger.put(token, State.SENT); // from the final dot on, Postroom may have the message
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = reply(in);
        if (answer.startsWith("250 ")) {
            ledger.put(token, State.ACKED);
            acked.incrementAndGet();
        } else {
            ledger.put(token, State.REFUSED);
            surprises.add(token + ": " + answer);
        }
    }

    private void expect(String reply, int code, String what) throws IOException {
        if (!reply.startsWith(code + " ")) {
            surprises.add(what + ": " + reply);
            throw new IOException("unexpected reply to " + what + ": " + reply);
        }
    }

    // ---- the messages ----

    /** Who {@code token}'s message is for. */
    static List<String> recipients(String token) {
        return (token.hashCode() & 0x7fffffff) / 100 % 3 == 0 ? List.of(POSTMASTER, ALICE) : List.of(POSTMASTER);
    }

    /**
     * The message for {@code token}, exactly as it must be stored after Postroom's trace headers. Its size depends on
     * the token: mostly a few KiB, now and then 150 KiB, rarely over 1 MiB (which Postroom spills to data/tmp).
     */
    static byte[] message(String token) {
        int hash = token.hashCode() & 0x7fffffff;
        int lines = switch (hash % 100) {
            case 0 -> 15_000;
            case 1, 2, 3, 4, 5 -> 2_000;
            default -> 1 + hash % 120;
        };
        StringBuilder text = new StringBuilder(lines * 80 + 300)
                .append("From: Load <loader@client.test>\r\n")
                .append("To: ").append(String.join(", ", recipients(token).stream().map(r -> "<" + r + ">").toList())).append("\r\n")
                .append("Subject: crash test ").append(token).append("\r\n")
                .append("Message-ID: <").append(token).append("@crash.test>\r\n")
                .append("\r\n");
        for (int i = 0; i < lines; i++) {
            if (i % 17 == 5) text.append('.'); // a line that starts with a dot: dot-stuffed on the wire
            text.append("line ").append(i).append(" of ").append(token).append(" - the quick brown fox jumps over the lazy dog\r\n");
        }
        text.append("END ").append(token).append("\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The token named in a stored message's Message-ID, or null. */
    static String tokenIn(String stored) {
        Matcher m = TOKEN.matcher(stored);
        return m.find() ? m.group(1) : null;
    }

    /** RFC 5321 4.5.2: a line starting with '.' gets another. */
    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 1024);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') out.write('.');
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    // ---- SMTP dialogue ----

    private static String command(InputStream in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(in);
    }

    /** Reads a whole reply and returns its last line. */
    private static String reply(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line.length() < 4 || line.charAt(3) == ' ') return line;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') line.append((char) b);
        }
        if (b < 0) throw new IOException("connection closed");
        return line.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
