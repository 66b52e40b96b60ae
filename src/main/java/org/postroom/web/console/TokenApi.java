package org.postroom.web.console;

/** The Token routes of the API (filled in by core). */
final class TokenApi {
    private TokenApi() {}

    static void register(Routes routes, ConsoleServices services) {}
}
