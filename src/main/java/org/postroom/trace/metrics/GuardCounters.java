package org.postroom.trace.metrics;

import java.util.Map;
import java.util.TreeMap;
import org.postroom.net.HandshakeLog;
import org.postroom.net.LoginGuard;

/**
 * What the doors turned away before any mail: failed logins ({@link LoginGuard}, every protocol) and failed TLS
 * handshakes ({@link HandshakeLog}, every door). A steady climb is someone guessing passwords or scanning.
 */
public final class GuardCounters implements MetricSource {
    private static final String[] PROTOCOLS = {"smtp", "pop3"};

    private final LoginGuard logins;
    private final HandshakeLog handshakes;

    public GuardCounters(LoginGuard logins, HandshakeLog handshakes) {
        this.logins = logins;
        this.handshakes = handshakes;
    }

    @Override
    public void writeTo(PrometheusText out) {
        Map<String, long[]> byProtocol = new TreeMap<>();
        for (String p : PROTOCOLS) byProtocol.put(p, new long[2]);
        logins.failuresByKind().forEach((kind, n) -> byProtocol.computeIfAbsent(kind.protocol(), p -> new long[2])[kind.locked() ? 1 : 0] += n);
        out.family("postroom_login_failures_total", PrometheusText.Type.COUNTER,
                "Logins refused: wrong login or password, or tried while the login was locked out.");
        byProtocol.forEach((protocol, n) -> {
            out.sample(n[0], "protocol", protocol, "reason", "wrong_password");
            out.sample(n[1], "protocol", protocol, "reason", "locked_out");
        });
        out.family("postroom_tls_handshake_failures_total", PrometheusText.Type.COUNTER, "TLS handshakes that failed, per door.");
        handshakes.failuresByDoor().forEach((door, n) -> out.sample(n, "door", door));
    }
}
