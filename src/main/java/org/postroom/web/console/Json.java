package org.postroom.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading an API request's JSON fields, each wrong shape a 400 {@code invalid} that names the field. */
public final class Json {
    private Json() {}

    public static String requiredText(JsonNode body, String field) {
        return text(body, field).orElseThrow(() -> ConsoleError.invalid("the field \"" + field + "\" is required (a string)"));
    }

    public static Optional<String> text(JsonNode body, String field) {
        JsonNode n = object(body).get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isTextual()) throw ConsoleError.invalid("the field \"" + field + "\" must be a string");
        return Optional.of(n.textValue());
    }

    public static Optional<Boolean> bool(JsonNode body, String field) {
        JsonNode n = object(body).get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isBoolean()) throw ConsoleError.invalid("the field \"" + field + "\" must be true or false");
        return Optional.of(n.booleanValue());
    }

    public static Optional<Long> number(JsonNode body, String field) {
        JsonNode n = object(body).get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.canConvertToLong() || !n.isIntegralNumber()) throw ConsoleError.invalid("the field \"" + field + "\" must be a whole number");
        return Optional.of(n.longValue());
    }

    public static Optional<List<String>> strings(JsonNode body, String field) {
        JsonNode n = object(body).get(field);
        if (n == null || n.isNull()) return Optional.empty();
        if (!n.isArray()) throw ConsoleError.invalid("the field \"" + field + "\" must be a list of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) throw ConsoleError.invalid("the field \"" + field + "\" must be a list of strings");
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    private static JsonNode object(JsonNode body) {
        if (!body.isObject()) throw ConsoleError.invalid("the body must be a JSON object");
        return body;
    }
}
