package org.postroom.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.List;

/**
 * {@code KEY=VALUE} arguments as the keys of a table of {@code postroom.toml}: the value is read as a TOML value
 * ({@code port=110}, {@code enabled=false}, {@code envelope_headers=["Delivered-To"]}), and anything that is not one
 * is text, so that {@code host=pop.example.com} needs no quotes. {@code KEY=} (nothing after it) is a JSON null:
 * the key goes back to its default.
 */
final class SettingArgs {
    private static final TomlMapper TOML = new TomlMapper();

    private SettingArgs() {}

    static ObjectNode parse(List<String> args) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new UsageError("\"" + arg + "\" is not KEY=VALUE");
            String key = arg.substring(0, eq).strip();
            String value = arg.substring(eq + 1);
            if (key.equals("password")) throw new UsageError("the password is never given on the command line: use --password-stdin, or type it when asked");
            out.set(key, value.isEmpty() ? JsonNodeFactory.instance.nullNode() : value(value));
        }
        return out;
    }

    private static JsonNode value(String text) {
        try {
            JsonNode parsed = TOML.readTree("v = " + text).get("v");
            if (parsed != null) return parsed;
        } catch (java.io.IOException | RuntimeException e) {
            // not a TOML value: plain text
        }
        return JsonNodeFactory.instance.textNode(text);
    }
}
