package org.postroom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server written for the cases real peers cannot produce (TESTING.md, "Faults"): chosen replies per
 * recipient, a connection dropped in the middle of DATA, a server that never answers, STARTTLS offered and then
 * failed. Everything it was sent is kept: the command lines and each message's (unstuffed) content.
 */
public final class ScriptedSmarthost implements AutoCloseable {

    /** A message as it arrived. */
    public record Received(String from, List<String> recipients, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** What the server does; every field has a well-behaved default. */
    public static final class Script {
        public List<String> extensions = List.of("PIPELINING", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES");
        public String greeting = "220 scripted.test ESMTP";
        public boolean silent;
        public Function<String, String> mail = from -> "250 2.1.0 ok";
        public Function<String, String> rcpt = to -> "250 2.1.5 ok";
        public String data = "354 go ahead";
        public Function<Received, String> end = m -> "250 2.0.0 queued";
        /** Drop the connection after this many content bytes of the first message (-1: never). */
        public int dropAfterBytes = -1;
        /** When STARTTLS is offered: null answers 454, otherwise the context for the handshake. */
        public SSLContext tls;
        /** Answer STARTTLS with 220, then close instead of the handshake. */
        public boolean breakStartTls;
        /**
         * Bytes sent in the same write as STARTTLS's 220, before the handshake (RFC 3207 5, CVE-2011-0411: what an
         * attacker between Postroom and the smarthost injects); null sends nothing extra.
         */
        public String injectAfterStartTls;
        /** The AUTH mechanisms offered (e.g. "LOGIN PLAIN"), or null for none. */
        public String auth = null;
        /** The login and password AUTH accepts ("login:password"); anything else gets 535. */
        public String accept = null;
    }

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    public final List<String> commands = new CopyOnWriteArrayList<>();
    public final List<Received> messages = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();

    private ScriptedSmarthost(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("scripted-smarthost").start(this::acceptLoop);
    }

    public static ScriptedSmarthost start(Script script) throws IOException {
        return new ScriptedSmarthost(script);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Socket s = socket;
            InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 65536);
            OutputStream out = s.getOutputStream();
            if (script.silent) {
                while (in.read() >= 0) {
                    // say nothing, ever
                }
                return;
            }
            send(out, script.greeting);
            String from = null;
            List<String> to = new ArrayList<>();
            while (true) {
                String line = readLine(in);
                if (line == null) return;
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> {
                        StringBuilder r = new StringBuilder("250-scripted.test");
                        List<String> ext = new ArrayList<>(script.extensions);
                        if (script.auth != null) ext.add("AUTH " + script.auth);
                        for (String e : ext) r.append("\r\n250-").append(e);
                        String all = r.toString();
                        int last = all.lastIndexOf("250-");
                        send(out, all.substring(0, last) + "250 " + all.substring(last + 4));
                    }
                    case "HELO" -> send(out, "250 scripted.test");
                    case "STAR" -> {
                        if (script.breakStartTls) {
                            send(out, "220 2.0.0 go ahead");
                            return; // and no handshake at all
                        }
                        if (script.injectAfterStartTls != null) {
                            send(out, "220 2.0.0 go ahead\r\n" + script.injectAfterStartTls); // one write, one packet
                            return; // a client that goes on to the handshake finds nobody there
                        }
                        if (script.tls == null) {
                            send(out, "454 4.7.0 TLS not available");
                            continue;
                        }
                        send(out, "220 2.0.0 go ahead");
                        SSLSocket tls = (SSLSocket) script.tls.getSocketFactory().createSocket(s, null, s.getPort(), true);
                        tls.setUseClientMode(false);
                        tls.startHandshake();
                        s = tls;
                        in = new java.io.BufferedInputStream(tls.getInputStream(), 65536);
                        out = tls.getOutputStream();
                    }
                    case "AUTH" -> {
                        String[] parts = line.split(" ");
                        String given;
                        if (parts.length >= 2 && parts[1].equalsIgnoreCase("LOGIN")) {
                            send(out, "334 VXNlcm5hbWU6");
                            String login = decode(readLine(in));
                            send(out, "334 UGFzc3dvcmQ6");
                            given = login + ":" + decode(readLine(in));
                        } else if (parts.length == 3 && parts[1].equalsIgnoreCase("PLAIN")) {
                            String[] plain = decode(parts[2]).split("\0", -1);
                            given = plain.length == 3 ? plain[1] + ":" + plain[2] : "";
                        } else {
                            send(out, "504 5.5.4 mechanism not supported");
                            continue;
                        }
                        commands.add("(credentials " + (given.equals(script.accept) ? "accepted" : "refused") + ")");
                        send(out, given.equals(script.accept) ? "235 2.7.0 ok" : "535 5.7.8 Authentication credentials invalid");
                    }
                    case "MAIL" -> {
                        from = line.substring(line.indexOf(':') + 1).trim();
                        to.clear();
                        send(out, script.mail.apply(from));
                    }
                    case "RCPT" -> {
                        String rcpt = line.substring(line.indexOf(':') + 1).trim();
                        String reply = script.rcpt.apply(rcpt);
                        if (reply.startsWith("2")) to.add(rcpt);
                        send(out, reply);
                    }
                    case "DATA" -> {
                        if (to.isEmpty()) {
                            send(out, "554 5.5.1 no valid recipients");
                            continue;
                        }
                        send(out, script.data);
                        if (!script.data.startsWith("354")) continue;
                        byte[] content = readData(in, script.dropAfterBytes);
                        if (content == null) return; // dropped
                        Received m = new Received(from, List.copyOf(to), content);
                        String reply = script.end.apply(m);
                        if (reply.startsWith("2")) messages.add(m);
                        send(out, reply);
                    }
                    case "RSET" -> {
                        to.clear();
                        send(out, "250 2.0.0 reset");
                    }
                    case "NOOP" -> send(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        send(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> send(out, "500 5.5.1 what?");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String decode(String base64) {
        try {
            return new String(java.util.Base64.getDecoder().decode(base64 == null ? "" : base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') break;
            line.write(b);
        }
        if (b < 0 && line.size() == 0) return null;
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads DATA content to CRLF.CRLF, removing stuffed dots; null when told to drop the connection midway. */
    private static byte[] readData(InputStream in, int dropAfter) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        int b;
        while ((b = in.read()) >= 0) {
            total++;
            if (dropAfter >= 0 && total > dropAfter) return null;
            line.write(b);
            if (b != '\n') continue;
            byte[] l = line.toByteArray();
            line.reset();
            if (l.length == 3 && l[0] == '.' && l[1] == '\r') return content.toByteArray();
            int skip = l.length > 0 && l[0] == '.' ? 1 : 0;
            content.write(l, skip, l.length - skip);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
        acceptor.interrupt();
    }
}
