package org.postroom.web.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.postroom.web.Reply;

/**
 * One request as a route sees it: method, path and its parameters, query, body (a form or JSON), headers, and who
 * is calling. The body has been read whole already, within {@link ConsoleDispatcher#MAX_BODY} bytes.
 */
public final class ConsoleRequest {
    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Optional<Caller> caller;
    private final InetAddress remoteAddress;
    private Map<String, List<String>> form;
    private JsonNode json;

    /**
     * @param rawQuery the URI's raw query, or null
     * @param headers header names in lower case
     */
    public ConsoleRequest(String method, String path, Map<String, String> pathParams, String rawQuery, Map<String, List<String>> headers,
            byte[] body, Optional<Caller> caller, InetAddress remoteAddress) {
        this.method = method;
        this.path = path;
        this.pathParams = Map.copyOf(pathParams);
        this.query = urlEncoded(rawQuery == null ? "" : rawQuery);
        this.headers = headers;
        this.body = body;
        this.caller = caller;
        this.remoteAddress = remoteAddress;
    }

    public String method() {
        return method;
    }

    /** The decoded path, e.g. {@code /api/v1/users/ann@office.test}. */
    public String path() {
        return path;
    }

    /** A parameter of the route's pattern ({@code {address}}), decoded; a route asks only for its own parameters. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) throw new IllegalStateException("the route has no parameter {" + name + "}");
        return value;
    }

    public Optional<String> query(String name) {
        return first(query, name);
    }

    /** A field of an {@code application/x-www-form-urlencoded} body. */
    public Optional<String> form(String name) {
        return first(form(), name);
    }

    public List<String> formAll(String name) {
        return form().getOrDefault(name, List.of());
    }

    /** The JSON body; an empty body is an empty object. Malformed JSON is a 400 {@code invalid}. */
    public JsonNode json() {
        if (json == null) {
            if (body.length == 0) {
                json = Reply.MAPPER.createObjectNode();
            } else {
                try {
                    json = Reply.MAPPER.readTree(body);
                } catch (JsonProcessingException e) {
                    throw ConsoleError.invalid("the body is not JSON: " + e.getOriginalMessage());
                } catch (java.io.IOException e) {
                    throw ConsoleError.invalid("the body is not JSON");
                }
                if (json == null || json instanceof MissingNode) json = Reply.MAPPER.createObjectNode();
            }
        }
        return json;
    }

    public Optional<String> header(String name) {
        return first(headers, name.toLowerCase(Locale.ROOT));
    }

    public Optional<Caller> caller() {
        return caller;
    }

    /** The caller of a route that is not {@link Access#PUBLIC}: there always is one. */
    public Caller requireCaller() {
        return caller.orElseThrow(ConsoleError::notSignedIn);
    }

    public InetAddress remoteAddress() {
        return remoteAddress;
    }

    public byte[] body() {
        return body.clone();
    }

    private Map<String, List<String>> form() {
        if (form == null) {
            boolean isForm = header("content-type").map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")).orElse(false);
            form = isForm ? urlEncoded(new String(body, StandardCharsets.UTF_8)) : Map.of();
        }
        return form;
    }

    private static Optional<String> first(Map<String, List<String>> values, String name) {
        List<String> all = values.get(name);
        return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    /** Parses {@code a=1&b=2} (a query or a form body); a malformed escape is a 400. */
    static Map<String, List<String>> urlEncoded(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ConsoleError.invalid("malformed %-escape in the query or form");
        }
    }
}
