package org.postroom.web.console;

/** The Me routes of the API (filled in by core). */
final class MeApi {
    private MeApi() {}

    static void register(Routes routes, ConsoleServices services) {}
}
