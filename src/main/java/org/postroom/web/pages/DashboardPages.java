package org.postroom.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postroom.service.StatsService;
import org.postroom.trace.Statistics;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/**
 * {@code /}: the dashboard for an administrator (today's mail, the queue, the collector, the last 30 days as a
 * chart with its table: {@link StatsService} and the queue's summary, as {@code postroom stats}); anyone else goes
 * to their own account.
 */
final class DashboardPages {
    private static final int DAYS = 30;

    private DashboardPages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/", Access.SIGNED_IN, r -> {
            if (!r.requireCaller().admin()) return Reply.redirect("/account");
            return page(r, services);
        });
    }

    private static Reply page(ConsoleRequest r, ConsoleServices services) {
        List<Figure> figures = new ArrayList<>();
        StatsService.StatsView stats = QueuePages.io(() -> services.ops().stats().stats(DAYS));
        Statistics.Period today = stats.days().isEmpty() ? new Statistics.Period("", 0, 0, 0, 0, 0) : stats.days().getLast();
        figures.add(new Figure("Received today", Integer.toString(today.in()), "", ""));
        figures.add(new Figure("Sent out today", Integer.toString(today.out()), "", ""));
        figures.add(new Figure("Delivered locally today", Integer.toString(today.local()), "", ""));
        figures.add(new Figure("Collected today", Integer.toString(today.collected()), "", ""));
        figures.add(new Figure("Refused today", Integer.toString(today.refused()), today.refused() > 0 ? "warn" : "", ""));
        var queue = QueuePages.io(() -> services.ops().queue().summary());
        figures.add(new Figure("Queued", Integer.toString(queue.total()), queue.configProblems() > 0 ? "bad" : "",
                queue.total() == 0 ? "" : "oldest " + Show.when(queue.oldest()) + (queue.held() > 0 ? ", " + queue.held() + " held" : "")));
        figures.add(new Figure("Users", Integer.toString(services.directory().users().size()), "", ""));
        figures.add(new Figure("Local domains", Integer.toString(services.directory().domains().size()), "", ""));
        List<Chart.Day> days = stats.days().stream()
                .map(p -> new Chart.Day(p.period(), List.of((long) p.in(), (long) p.out(), (long) p.local(), (long) p.collected(), (long) p.refused())))
                .toList();
        Chart chart = new Chart("Mail per day", List.of("received", "sent out", "delivered locally", "collected", "refused"), days);
        Map<String, Object> params = new HashMap<>();
        params.put("figures", figures);
        params.put("chart", chart);
        return Page.render(r, Page.frame(r, "Dashboard", "/"), "dashboard.jte", params);
    }
}
