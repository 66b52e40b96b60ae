package org.postroom.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.postroom.web.Reply;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of every {@code /api/} route, built from the
 * registrations themselves ({@link Route#doc}), so it cannot drift from what is served. Built per request: route
 * groups registered after this one are in it too.
 */
final class OpenApiDocument {
    private OpenApiDocument() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/api/v1/openapi.json", Access.PUBLIC, r -> Reply.json(200, build(routes, services.https())))
                .doc("This document", null, "{\"type\":\"object\"}");
    }

    static ObjectNode build(Routes routes, boolean https) {
        ObjectNode doc = Reply.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Postroom administration API");
        String version = OpenApiDocument.class.getPackage().getImplementationVersion();
        info.put("version", version == null ? "dev" : version);
        info.put("description", "Sign in with POST /api/v1/session (a cookie; send X-CSRF-Token and Origin with every state-changing"
                + " request) or send Authorization: Bearer TOKEN (postroom token create). Errors: {\"error\":{\"code\",\"message\"}}.");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        ObjectNode cookie = schemes.putObject("session");
        cookie.put("type", "apiKey").put("in", "cookie").put("name", Cookies.name(https));
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        components.putObject("schemas").set("Error", parse(Schemas.ERROR));
        ObjectNode paths = doc.putObject("paths");
        for (Route route : routes.all()) {
            if (!route.isApi()) continue;
            ObjectNode item = paths.has(route.pattern()) ? (ObjectNode) paths.get(route.pattern()) : paths.putObject(route.pattern());
            item.set(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        return doc;
    }

    private static ObjectNode operation(Route route) {
        ObjectNode op = Reply.MAPPER.createObjectNode();
        op.put("summary", route.summary());
        op.put("operationId", route.method().toLowerCase(Locale.ROOT) + route.pattern().replaceAll("[^A-Za-z0-9]+", "_"));
        op.putArray("tags").add(route.tag());
        ArrayNode params = Reply.MAPPER.createArrayNode();
        for (String name : route.pathParams()) {
            ObjectNode p = params.addObject();
            p.put("name", name).put("in", "path").put("required", true);
            p.putObject("schema").put("type", "string");
        }
        for (Route.QueryParam q : route.queryParams()) {
            ObjectNode p = params.addObject();
            p.put("name", q.name()).put("in", "query").put("required", false).put("description", q.description());
            p.putObject("schema").put("type", "string");
        }
        if (!params.isEmpty()) op.set("parameters", params);
        route.requestSchema().ifPresent(schema -> op.putObject("requestBody").put("required", true)
                .putObject("content").putObject("application/json").set("schema", schema));
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(route.method().equals("POST") ? "2XX" : "200");
        ok.put("description", "done");
        route.responseSchema().ifPresent(schema -> ok.putObject("content").putObject("application/json").set("schema", schema));
        ObjectNode error = responses.putObject("default");
        error.put("description", "an error: not_signed_in 401, forbidden/csrf 403, not_found 404, invalid 400/422, conflict 409, unavailable 503");
        error.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
        ArrayNode security = op.putArray("security");
        if (route.access() == Access.PUBLIC) {
            security.addObject();
        } else {
            security.addObject().putArray("session");
            security.addObject().putArray("bearer");
        }
        if (route.access() == Access.ADMIN) op.put("x-postroom-access", "admin");
        return op;
    }

    private static JsonNode parse(String json) {
        try {
            return Reply.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
