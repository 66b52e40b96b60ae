package org.postroom.web.pages;

import java.util.Map;
import org.postroom.web.Reply;
import org.postroom.web.console.ConsoleError;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/**
 * The console's pages, every area's group: the one place that lists them ({@code web.console.Console} calls
 * {@link #register}), and the error page that the dispatcher shows for a page path.
 */
public final class Pages {
    private Pages() {}

    public static void register(Routes routes, ConsoleServices services) {
        StaticPages.register(routes, services);
        LoginPages.register(routes, services);
        DashboardPages.register(routes, services);
        UserPages.register(routes, services);
        AddressPages.register(routes, services);
        AccountPages.register(routes, services);
        QueuePages.register(routes, services);
        OpsPages.register(routes, services);
        CollectorPages.register(routes, services);
    }

    /**
     * A refused page request: not signed in goes to the login form; anything else is the error page inside the
     * layout, with the status the API would answer.
     */
    public static Reply errorPage(ConsoleRequest r, ConsoleError e) {
        if (e.status() == 401 && r.method().equals("GET")) return Reply.redirect("/login");
        String title = switch (e.status()) {
            case 401 -> "Not signed in";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            default -> "Refused";
        };
        String message = e.getMessage() == null ? e.code() : e.getMessage();
        return Page.render(r, e.status(), Page.frame(r, title, ""), "error.jte", Map.of("status", e.status(), "message", message));
    }
}
