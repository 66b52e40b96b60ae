package org.postroom.web.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postroom.web.Reply;

/**
 * One registered route: method, pattern, who may call it, its handler, and (for the API) what the OpenAPI document
 * says about it. Made by {@link Routes}; {@link #doc}, {@link #queryParam} and {@link #tag} fill in its documentation
 * and return the route, so a registration reads as one statement:
 *
 * <pre>{@code
 * routes.get("/api/v1/users/{address}", Access.ADMIN, r -> ...)
 *       .doc("One user", null, Schemas.USER);
 * }</pre>
 */
public final class Route {
    /** A query parameter as the OpenAPI document lists it. */
    public record QueryParam(String name, String description) {}

    private final String method;
    private final String pattern;
    private final Access access;
    private final Handler handler;
    private final List<String> segments;
    private String summary = "";
    private JsonNode requestSchema;
    private JsonNode responseSchema;
    private String tag;
    private boolean anyHost;
    private final List<QueryParam> queryParams = new ArrayList<>();

    Route(String method, String pattern, Access access, Handler handler) {
        if (!pattern.startsWith("/")) throw new IllegalArgumentException("a route's pattern starts with /: " + pattern);
        this.method = method;
        this.pattern = pattern;
        this.access = Objects.requireNonNull(access, "access");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.segments = List.of(pattern.substring(1).split("/", -1));
        String first = segments.isEmpty() ? "" : segments.getFirst();
        this.tag = segments.size() > 2 && first.equals("api") ? segments.get(2) : first;
    }

    /**
     * The OpenAPI description: a one-line summary, and the JSON Schemas (as JSON text, null for none) of the request
     * body and of the 2xx response body. A schema that does not parse is a programming error, thrown at once.
     */
    public Route doc(String summary, String requestSchemaJson, String responseSchemaJson) {
        this.summary = Objects.requireNonNull(summary, "summary");
        this.requestSchema = parse(requestSchemaJson);
        this.responseSchema = parse(responseSchemaJson);
        return this;
    }

    /** A query parameter the route reads, for the OpenAPI document. */
    public Route queryParam(String name, String description) {
        queryParams.add(new QueryParam(name, description));
        return this;
    }

    /** The OpenAPI tag (by default the path's first segment after {@code /api/v1/}). */
    public Route tag(String tag) {
        this.tag = tag;
        return this;
    }

    /**
     * Answered whatever the Host header names: for the mail clients' set-up files, which clients ask for on names of
     * the office's domains ({@code autoconfig.DOMAIN}); they hold no secret and change nothing, so the console's
     * Host check against DNS rebinding ({@link HostCheck}) is not needed there.
     */
    public Route anyHost() {
        this.anyHost = true;
        return this;
    }

    public boolean answersAnyHost() {
        return anyHost;
    }

    public String method() {
        return method;
    }

    public String pattern() {
        return pattern;
    }

    public Access access() {
        return access;
    }

    public Handler handler() {
        return handler;
    }

    public String summary() {
        return summary;
    }

    public Optional<JsonNode> requestSchema() {
        return Optional.ofNullable(requestSchema);
    }

    public Optional<JsonNode> responseSchema() {
        return Optional.ofNullable(responseSchema);
    }

    public String tag() {
        return tag;
    }

    public List<QueryParam> queryParams() {
        return List.copyOf(queryParams);
    }

    /** The names of the pattern's {@code {parameters}}, in order. */
    public List<String> pathParams() {
        return segments.stream().filter(Route::isParam).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    public boolean isApi() {
        return pattern.startsWith("/api/");
    }

    /** The path's parameters when {@code pathSegments} (decoded) match the pattern, else null. */
    Map<String, String> match(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) return null;
        Map<String, String> params = new java.util.HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String want = segments.get(i);
            String got = pathSegments.get(i);
            if (isParam(want)) {
                if (got.isEmpty()) return null;
                params.put(want.substring(1, want.length() - 1), got);
            } else if (!want.equals(got)) {
                return null;
            }
        }
        return params;
    }

    /** How many segments are literal: {@code /users/new} beats {@code /users/{address}}. */
    int literalCount() {
        return (int) segments.stream().filter(s -> !isParam(s)).count();
    }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static JsonNode parse(String json) {
        if (json == null) return null;
        try {
            return Reply.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON schema: " + json, e);
        }
    }
}
