package org.postroom.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A whole response: status, content type and body, sent with the headers every response gets. */
record Reply(int status, String contentType, String body) {
    static final String TEXT = "text/plain; charset=utf-8";

    static Reply text(int status, String body) {
        return new Reply(status, TEXT, body);
    }

    /** Sends it; a HEAD request gets the headers only (RFC 9110 9.3.2). */
    void send(HttpExchange exchange) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (status == 405) headers.set("Allow", "GET, HEAD");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) headers.set("Content-Length", Integer.toString(bytes.length));
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
