package org.postroom.web.console;

/** The User routes of the API (filled in by core). */
final class UserApi {
    private UserApi() {}

    static void register(Routes routes, ConsoleServices services) {}
}
