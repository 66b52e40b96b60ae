package org.postroom.web.console;

/** The Alias routes of the API (filled in by core). */
final class AliasApi {
    private AliasApi() {}

    static void register(Routes routes, ConsoleServices services) {}
}
