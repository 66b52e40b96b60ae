package org.postroom.web;

/**
 * The limits of the JDK's HTTP server, which it reads once per JVM from system properties (its
 * {@code sun.net.httpserver.ServerConfig}): set here, before the first server is made, unless the administrator
 * gave them with {@code -D}. Without them a client could hold a connection forever by sending half a request.
 */
final class HttpLimits {
    /** Property, value: seconds for a whole request or response, connections at once, idle keep-alive, headers. */
    private static final String[][] DEFAULTS = {
        {"sun.net.httpserver.maxReqTime", "30"},
        {"sun.net.httpserver.maxRspTime", "60"},
        {"jdk.httpserver.maxConnections", "200"},
        {"sun.net.httpserver.idleInterval", "30"},
        {"sun.net.httpserver.maxIdleConnections", "50"},
        {"sun.net.httpserver.maxReqHeaders", "100"},
        {"sun.net.httpserver.maxReqHeaderSize", "65536"},
    };

    private HttpLimits() {}

    static synchronized void apply() {
        for (String[] d : DEFAULTS) {
            if (System.getProperty(d[0]) == null) System.setProperty(d[0], d[1]);
        }
    }
}
