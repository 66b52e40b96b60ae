package org.postroom.web.console;

/**
 * The console's routes, every area's: the one place that lists them. Each group registers its own routes; an area
 * owner adds a line here.
 */
public final class Console {
    private Console() {}

    public static Routes register(Routes routes, ConsoleServices services) {
        SessionApi.register(routes, services);
        MeApi.register(routes, services);
        UserApi.register(routes, services);
        AliasApi.register(routes, services);
        GroupApi.register(routes, services);
        DomainApi.register(routes, services);
        TokenApi.register(routes, services);
        QueueApi.register(routes, services);
        RelayApi.register(routes, services);
        TraceApi.register(routes, services);
        StatsApi.register(routes, services);
        SettingsApi.register(routes, services);
        DashboardApi.register(routes, services);
        CollectorApi.register(routes, services);
        org.postroom.web.pages.Pages.register(routes, services); // the pages: not under /api/, so not in the OpenAPI document
        OpenApiDocument.register(routes, services); // last: it describes every route registered before it
        return routes;
    }
}
