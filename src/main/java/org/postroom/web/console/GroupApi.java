package org.postroom.web.console;

/** The Group routes of the API (filled in by core). */
final class GroupApi {
    private GroupApi() {}

    static void register(Routes routes, ConsoleServices services) {}
}
