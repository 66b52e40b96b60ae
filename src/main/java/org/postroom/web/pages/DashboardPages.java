package org.postroom.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/** {@code /}: the dashboard for an administrator; anyone else goes to their own account. */
final class DashboardPages {
    private DashboardPages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/", Access.SIGNED_IN, r -> {
            if (!r.requireCaller().admin()) return Reply.redirect("/account");
            return page(r, services);
        });
    }

    private static Reply page(ConsoleRequest r, ConsoleServices services) {
        List<Figure> figures = new ArrayList<>();
        var dir = services.directory();
        figures.add(new Figure("Users", Integer.toString(dir.users().size()), "", ""));
        figures.add(new Figure("Local domains", Integer.toString(dir.domains().size()), "", ""));
        Map<String, Object> params = new HashMap<>();
        params.put("figures", figures);
        params.put("chart", null);
        return Page.render(r, Page.frame(r, "Dashboard", "/"), "dashboard.jte", params);
    }
}
