package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rule itself, over a loopback socket pair: a line's deadline does not move; bulk data buys time at the rate. */
class ReadDeadlineTest {
    ServerSocket listener;
    Socket client;
    Socket server;

    @BeforeEach
    void connect() throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        server = listener.accept();
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
        listener.close();
    }

    /** Sends one octet every {@code everyMillis}, {@code count} times, on a virtual thread. */
    private Thread drip(int count, long everyMillis) {
        return Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < count; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(everyMillis);
                }
            } catch (Exception e) {
                // closed
            }
        });
    }

    @Test
    void aLineDeadlineRunsOutWhileOctetsKeepComing() throws Exception {
        ReadDeadline deadline = new ReadDeadline(server, Duration.ofMillis(600), 1000);
        InputStream in = deadline.wrap(server.getInputStream());
        drip(100, 100);
        deadline.startLine();
        long started = System.nanoTime();
        assertThatThrownBy(() -> {
            while (in.read() >= 0) {
                // each read returns within 100 ms: only the deadline ends this
            }
        }).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    }

    @Test
    void bulkDataThatKeepsTheRateOutlastsTheLimit() throws Exception {
        ReadDeadline deadline = new ReadDeadline(server, Duration.ofMillis(600), 5); // 5 octets/s: 200 ms an octet
        InputStream in = deadline.wrap(server.getInputStream());
        drip(12, 100); // 10 octets/s, for 1.2 s: twice the limit
        deadline.startBulk();
        for (int i = 0; i < 12; i++) assertThat(in.read()).isEqualTo('x');
    }

    @Test
    void bulkDataSlowerThanTheRateRunsOut() throws Exception {
        ReadDeadline deadline = new ReadDeadline(server, Duration.ofMillis(600), 100); // 10 ms an octet
        InputStream in = deadline.wrap(server.getInputStream());
        drip(100, 100); // 10 octets/s: each costs 100 ms and buys 10
        deadline.startBulk();
        long started = System.nanoTime();
        assertThatThrownBy(() -> {
            while (in.read() >= 0) {
                // runs out after about 0.6 / 0.09 octets
            }
        }).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
    }
}
