package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener's first sessions at once run on platform threads, the rest on virtual threads; a freed slot is used again. */
class ListenerTest {

    /** Tells the client which kind of thread serves it, then waits for the client to hang up. */
    private static final ConnectionHandler THREAD_KIND = new ConnectionHandler() {
        @Override
        public void handle(Socket socket) throws IOException {
            socket.getOutputStream().write((Thread.currentThread().isVirtual() ? "virtual\n" : "platform\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            while (socket.getInputStream().read() >= 0) {
                // until the client closes
            }
        }

        @Override
        public void refuse(Socket socket, Refusal reason) {}
    };

    private static String kind(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') line.append((char) b);
        return line.toString();
    }

    @Test
    void platformThreadsForTheFirstSessionsThenVirtualOnes() throws Exception {
        try (Listener listener = new Listener("test", new InetSocketAddress("127.0.0.1", 0), THREAD_KIND, new ConnectionLimiter(10, 10), 2)) {
            List<Socket> clients = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket client = new Socket("127.0.0.1", listener.port());
                    clients.add(client);
                    kinds.add(kind(client));
                }
                assertThat(kinds).containsExactly("platform", "platform", "virtual", "virtual");

                clients.get(0).close(); // its platform thread ends and frees its slot
                String next = "";
                for (int attempt = 0; attempt < 50 && !next.equals("platform"); attempt++) {
                    Thread.sleep(20);
                    try (Socket client = new Socket("127.0.0.1", listener.port())) {
                        next = kind(client);
                    }
                }
                assertThat(next).isEqualTo("platform");
            } finally {
                for (Socket client : clients) client.close();
            }
        }
    }

    @Test
    void noPlatformThreadsWhenNoneAreAsked() throws Exception {
        try (Listener listener = new Listener("test", new InetSocketAddress("127.0.0.1", 0), THREAD_KIND, new ConnectionLimiter(10, 10), 0);
                Socket client = new Socket("127.0.0.1", listener.port())) {
            assertThat(kind(client)).isEqualTo("virtual");
        }
    }
}
