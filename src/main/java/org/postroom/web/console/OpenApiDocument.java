package org.postroom.web.console;

/** {@code /api/v1/openapi.json}: the OpenAPI 3.1 document, built from the registrations (filled in by core). */
final class OpenApiDocument {
    private OpenApiDocument() {}

    static void register(Routes routes, ConsoleServices services) {}
}
