package org.postroom.config;

import java.util.Locale;

/**
 * A host and a port as written in {@code postroom.toml}: {@code "smtp.example.net:587"}, {@code "192.0.2.7:465"}
 * or {@code "[2001:db8::7]:25"}.
 */
public record HostPort(String host, int port) {

    public HostPort {
        if (host.isEmpty()) throw new IllegalArgumentException("empty host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        host = host.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code host:port}, with brackets around an IPv6 address; {@code defaultPort} when no port is written. */
    public static HostPort parse(String text, int defaultPort) {
        String s = text.strip();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("\"" + text + "\" opens [ without ]");
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw new IllegalArgumentException("\"" + text + "\" is not host:port");
                port = rest.substring(1);
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("\"" + text + "\": write an IPv6 address in brackets, as [2001:db8::1]:25");
            }
            host = colon < 0 ? s : s.substring(0, colon);
            if (colon >= 0) port = s.substring(colon + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]+")) throw new IllegalArgumentException("\"" + text + "\" has no valid host name");
        if (port == null) return new HostPort(host, defaultPort);
        if (!port.matches("[0-9]{1,5}")) throw new IllegalArgumentException("\"" + text + "\" has no valid port");
        return new HostPort(host, Integer.parseInt(port));
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
