package org.postroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.postroom.config.WebSettings;
import org.postroom.net.ConnectionHandler;
import org.postroom.net.ConnectionLimiter;
import org.postroom.net.Doors;
import org.postroom.trace.metrics.Metrics;

/**
 * /readyz's door check over real listening sockets: ready while the doors accept connections, 503 naming the door
 * once its socket is closed (as when a service stops or its listener dies).
 */
class DoorsReadinessTest {
    enum TestDoor { PLAIN, OTHER }

    @Test
    void aDoorThatStoppedListeningMakesReadyz503AndIsNamed() throws Exception {
        Doors<TestDoor> doors = new Doors<>(TestDoor.class, "test", new ConnectionLimiter(10, 10));
        Doors.Protocol protocol = new Doors.Protocol() {
            @Override
            public Doors.Session open(Socket socket, String id) {
                return new Doors.Session() {
                    @Override
                    public void run() {}

                    @Override
                    public void wakeIfIdle() {}
                };
            }

            @Override
            public byte[] turnAway(ConnectionHandler.Refusal reason) {
                return new byte[0];
            }
        };
        doors.open(TestDoor.PLAIN, "test-plain", new InetSocketAddress("127.0.0.1", 0), false, 0, protocol);
        doors.open(TestDoor.OTHER, "test-other", new InetSocketAddress("127.0.0.1", 0), false, 0, protocol);
        Readiness readiness = new Readiness(List.of(ReadinessChecks.doors(
                () -> doors.notListening().stream().map(d -> "test-" + d.name().toLowerCase(Locale.ROOT)).toList())));
        try (WebServer web = new WebServer(new WebSettings(0, "127.0.0.1", WebSettings.TlsMode.AUTO, 0), SSLContext.getDefault(),
                new Metrics(), readiness)) {
            WebClient client = new WebClient(web.port());
            assertThat(client.get("/readyz").statusCode()).isEqualTo(200);

            doors.close();
            HttpResponse<String> r = client.get("/readyz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("not ready\ndoors: not listening: test-plain, test-other\n");
        }
    }
}
