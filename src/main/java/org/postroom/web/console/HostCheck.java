package org.postroom.web.console;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code Host} headers the console answers (DNS rebinding): a page of evil.example whose name was made to
 * point at 127.0.0.1 reaches the console with {@code Host: evil.example}, and its own Origin matches that Host. So the
 * Host must name this server: the address the connection came in on, the loopback names when it came in on loopback
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), or {@code [server] hostname}; with the port, which may be
 * left out only when it is the scheme's default (RFC 9110 7.2). Anything else is 421 Misdirected Request
 * (RFC 9110 15.5.20).
 */
public final class HostCheck {
    private final Set<String> names;

    /** @param names the configured names of this server ({@code [server] hostname}), any case */
    public HostCheck(Set<String> names) {
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether {@code host} (the header, or empty) names this server as reached on {@code local}. */
    public boolean accepts(Optional<String> host, InetSocketAddress local, boolean https) {
        if (host.isEmpty()) return false;
        String h = host.get().strip().toLowerCase(Locale.ROOT);
        int port = local.getPort();
        String name;
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            if (!h.substring(colon + 1).equals(Integer.toString(port))) return false;
            name = h.substring(0, colon);
        } else {
            if (port != (https ? 443 : 80)) return false;
            name = h;
        }
        InetAddress address = local.getAddress();
        if (name.equals(literal(address))) return true;
        if (address.isLoopbackAddress() && (name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]"))) return true;
        return names.contains(name);
    }

    /** The address as a Host header writes it: IPv6 in brackets, without a zone. */
    private static String literal(InetAddress address) {
        String text = address.getHostAddress().toLowerCase(Locale.ROOT);
        int zone = text.indexOf('%');
        if (zone >= 0) text = text.substring(0, zone);
        if (!text.contains(":")) return text;
        try {
            // The short form (::1, not 0:0:0:0:0:0:0:1), as browsers write it.
            return "[" + compress(text) + "]";
        } catch (RuntimeException e) {
            return "[" + text + "]";
        }
    }

    private static String compress(String full) {
        String[] parts = full.split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) j++;
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) return full;
        String head = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, parts.length));
        return head + "::" + tail;
    }
}
