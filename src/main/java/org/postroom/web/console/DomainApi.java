package org.postroom.web.console;

/** The Domain routes of the API (filled in by core). */
final class DomainApi {
    private DomainApi() {}

    static void register(Routes routes, ConsoleServices services) {}
}
