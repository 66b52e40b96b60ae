package org.postroom.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code [web]}: the HTTP server of metrics and health (and, later, the administrator's console).
 *
 * @param port the port ({@code 0}: any free port, for tests)
 * @param bindAddress where it listens; loopback by default, since what it shows is for this machine's administrator
 * @param tls when to speak HTTPS with Postroom's certificate
 * @param diskReserve {@code /readyz} fails while the data folder's file system has fewer free bytes than this
 */
public record WebSettings(int port, String bindAddress, TlsMode tls, long diskReserve) {

    /** When the web server speaks HTTPS. */
    public enum TlsMode {
        /** Only when bound beyond loopback: plain HTTP never leaves this machine. */
        AUTO,
        /** Always, on loopback too. */
        ALWAYS
    }

    /** Whether the server speaks HTTPS: bound beyond loopback (a password or cookie must not cross a network in clear), or asked to. */
    public boolean https() {
        return tls == TlsMode.ALWAYS || !loopbackOnly();
    }

    /** Whether only this machine can reach the server. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) { // an address literal, validated by the loader: cannot happen
            return false;
        }
    }
}
