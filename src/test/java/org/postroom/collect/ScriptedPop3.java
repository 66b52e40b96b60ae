package org.postroom.collect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.postroom.config.CollectAccount;
import org.postroom.config.ConfigLoader;

/**
 * A provider's POP3 server that behaves as RFC 1939 says (DELE applies only at QUIT, unlike GreenMail) and that
 * can be told to fail: drop the connection halfway through a RETR, or refuse DELE, a number of times.
 */
public final class ScriptedPop3 implements AutoCloseable {
    /** A multi-drop account at this provider, as {@code postroom.toml} in {@code dir} would give it. */
    public CollectAccount account(Path dir) {
        String toml = "[[collect.account]]\nname = \"p\"\nhost = \"127.0.0.1\"\nport = " + port()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"x\"\nmode = \"multi-drop\"\n";
        return ConfigLoader.parse(dir, dir.resolve("postroom.toml"), toml).collect().getFirst();
    }

    /** A message for {@code to} (in Delivered-To) with {@code bodyLines} lines of body. */
    public static String message(String to, String id, int bodyLines) {
        StringBuilder m = new StringBuilder("Delivered-To: " + to + "\r\nFrom: x@outside.test\r\nMessage-ID: <" + id + ">\r\n\r\n");
        for (int i = 0; i < bodyLines; i++) m.append("line ").append(i).append("\r\n");
        return m.toString();
    }

    public final List<String> messages = new CopyOnWriteArrayList<>();
    /** The next RETR of a message containing this text sends half of it and drops the connection (once). */
    final java.util.concurrent.atomic.AtomicReference<String> dropMidRetr = new java.util.concurrent.atomic.AtomicReference<>();
    final AtomicInteger refuseDele = new AtomicInteger();
    /** RETR of a message containing this text is sent {@link #dripChunk} octets at a time, {@link #dripMillis} apart. */
    final java.util.concurrent.atomic.AtomicReference<String> dripMessage = new java.util.concurrent.atomic.AtomicReference<>();
    /** The reply to this command (a verb such as "LIST") is sent the same way. */
    final java.util.concurrent.atomic.AtomicReference<String> dripReply = new java.util.concurrent.atomic.AtomicReference<>();
    volatile int dripChunk = 1;
    volatile long dripMillis = 200;
    /** RETR of a message containing this text is refused with -ERR. */
    final java.util.concurrent.atomic.AtomicReference<String> refuseRetr = new java.util.concurrent.atomic.AtomicReference<>();
    private final ServerSocket server;
    private final Thread thread;

    public ScriptedPop3() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s);
            } catch (IOException e) {
                // next
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        // Buffered, flushed once per reply: a reply in several small segments meets the client's delayed ACK (Nagle)
        // and costs 40 ms a message, which would measure this test server rather than the collector.
        s.setTcpNoDelay(true);
        OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
        List<String> box = new ArrayList<>(messages);
        Set<Integer> marked = new HashSet<>();
        send(out, "+OK scripted");
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.split(" ");
            if (p[0].equalsIgnoreCase(dripReply.get())) out = new DrippingStream(s.getOutputStream(), this);
            else if (out instanceof DrippingStream) out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
            switch (p[0].toUpperCase()) {
                case "USER", "PASS" -> send(out, "+OK");
                case "UIDL", "LIST" -> {
                    write(out, "+OK");
                    for (int i = 0; i < box.size(); i++) {
                        write(out, (i + 1) + " " + (p[0].equalsIgnoreCase("UIDL") ? "uid-" + Integer.toHexString(box.get(i).hashCode()) : box.get(i).length()));
                    }
                    send(out, ".");
                }
                case "RETR" -> {
                    String m = box.get(Integer.parseInt(p[1]) - 1);
                    String refuse = refuseRetr.get();
                    if (refuse != null && m.contains(refuse)) {
                        send(out, "-ERR cannot read this one");
                        continue;
                    }
                    write(out, "+OK");
                    String drop = dropMidRetr.get();
                    if (drop != null && m.contains(drop) && dropMidRetr.compareAndSet(drop, null)) {
                        out.write(m.substring(0, m.length() / 2).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        return; // the connection drops; nothing marked is deleted
                    }
                    String slow = dripMessage.get();
                    OutputStream body = slow != null && m.contains(slow) ? new DrippingStream(out, this) : out;
                    body.write(m.getBytes(StandardCharsets.UTF_8));
                    body.flush();
                    send(out, ".");
                }
                case "DELE" -> {
                    if (refuseDele.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        send(out, "-ERR not now");
                    } else {
                        marked.add(Integer.parseInt(p[1]) - 1);
                        send(out, "+OK");
                    }
                }
                case "QUIT" -> {
                    List<String> deleted = new ArrayList<>();
                    for (int i : marked) deleted.add(box.get(i));
                    messages.removeAll(deleted); // messages added during the session stay
                    send(out, "+OK bye");
                    return;
                }
                default -> send(out, "-ERR unknown");
            }
        }
    }

    /** Writes a whole reply, or its last line. */
    private static void send(OutputStream out, String line) throws IOException {
        write(out, line);
        out.flush();
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** Writes {@code dripChunk} octets at a time, each flushed, {@code dripMillis} apart: a provider that drips. */
    private static final class DrippingStream extends OutputStream {
        private final OutputStream out;
        private final ScriptedPop3 script;

        DrippingStream(OutputStream out, ScriptedPop3 script) {
            this.out = out;
            this.script = script;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i += script.dripChunk) {
                out.write(b, off + i, Math.min(script.dripChunk, len - i));
                out.flush(); // throws once the client has closed: the drip ends with the connection
                try {
                    Thread.sleep(script.dripMillis);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
