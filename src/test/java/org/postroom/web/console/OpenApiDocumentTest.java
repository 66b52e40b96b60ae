package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** {@code /api/v1/openapi.json}: parses, is OpenAPI 3.1, and describes every registered API route. */
class OpenApiDocumentTest {
    @TempDir
    static Path dir;
    static TestPostroom postroom;

    @BeforeAll
    static void start() {
        postroom = TestPostroom.start(dir);
    }

    @AfterAll
    static void stop() {
        postroom.close();
    }

    @Test
    void everyRegisteredApiRouteIsInTheDocumentWithItsSummaryParametersAndSchemas() {
        var r = ConsoleClient.to(postroom).get("/api/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("application/json");
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        JsonNode paths = doc.get("paths");
        Routes routes = postroom.consoleRoutes(); // every group's, as the running server registered them
        List<String> missing = new ArrayList<>();
        int api = 0;
        for (Route route : routes.all()) {
            if (!route.isApi()) continue;
            api++;
            JsonNode op = paths.path(route.pattern()).path(route.method().toLowerCase(Locale.ROOT));
            if (op.isMissingNode()) {
                missing.add(route.method() + " " + route.pattern());
                continue;
            }
            assertThat(route.summary()).as(route.pattern()).isNotBlank();
            assertThat(op.get("summary").asText()).isEqualTo(route.summary());
            for (String param : route.pathParams()) {
                assertThat(op.get("parameters").findValuesAsText("name")).as(route.pattern()).contains(param);
            }
            route.requestSchema().ifPresent(s -> assertThat(op.at("/requestBody/content/application~1json/schema")).isEqualTo(s));
            assertThat(op.get("responses").has("default")).isTrue();
        }
        assertThat(missing).isEmpty();
        assertThat(api).isGreaterThanOrEqualTo(30);
        assertThat(paths.has("/api/v1/users/{address}")).isTrue();
        assertThat(paths.path("/api/v1/users").path("post").path("requestBody").isMissingNode()).isFalse();
    }
}
