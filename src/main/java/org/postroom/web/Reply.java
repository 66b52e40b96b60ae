package org.postroom.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole response: status, content type, body and extra headers, sent with the headers every response gets
 * (no caching, and the console's security headers: a CSP without inline script, no framing, no sniffing).
 *
 * <p>Immutable: {@link #withHeader} returns a new reply.
 */
public record Reply(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json";
    /** The JSON every console reply is written with: records as objects, nulls kept (a field's absence is no answer). */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** No script but our own files, no inline script, no framing by other sites (issue 13). */
    public static final String CSP = "default-src 'self'; script-src 'self'; frame-ancestors 'none'";

    public Reply {
        headers = List.copyOf(headers);
    }

    public Reply(int status, String contentType, String body) {
        this(status, contentType, body.getBytes(StandardCharsets.UTF_8), List.of());
    }

    public static Reply text(int status, String body) {
        return new Reply(status, TEXT, body);
    }

    public static Reply html(int status, String body) {
        return new Reply(status, HTML, body);
    }

    /** {@code value} written as JSON by {@link #MAPPER} (records, lists, maps, Jackson nodes). */
    public static Reply json(int status, Object value) {
        try {
            return new Reply(status, JSON, MAPPER.writeValueAsBytes(value), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** 303 See Other: after a form's POST the browser GETs {@code location} (Post/Redirect/Get). */
    public static Reply redirect(String location) {
        return new Reply(303, TEXT, new byte[0], List.of(Map.entry("Location", location)));
    }

    public static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body.clone(), List.of());
    }

    /** 204 No Content. */
    public static Reply empty() {
        return new Reply(204, TEXT, new byte[0], List.of());
    }

    public Reply withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Reply(status, contentType, body, more);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Sends it; a HEAD request gets the headers only (RFC 9110 9.3.2). */
    public void send(HttpExchange exchange) throws IOException {
        var out = exchange.getResponseHeaders();
        out.set("Content-Type", contentType);
        out.set("Cache-Control", "no-store");
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Content-Security-Policy", CSP);
        out.set("X-Frame-Options", "DENY");
        out.set("Referrer-Policy", "same-origin");
        for (Map.Entry<String, String> h : headers) out.add(h.getKey(), h.getValue());
        if (status == 405 && !out.containsKey("Allow")) out.set("Allow", "GET, HEAD");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        boolean noBody = status == 204 || status == 304;
        if (head && !noBody) out.set("Content-Length", Integer.toString(body.length));
        exchange.sendResponseHeaders(status, head || noBody || body.length == 0 ? -1 : body.length);
        if (!head && !noBody && body.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }
}
