package org.postroom.web.pages;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postroom.service.DashboardService;
import org.postroom.trace.Statistics;
import org.postroom.web.Reply;
import org.postroom.web.console.OpsRoutes;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/**
 * {@code /}: the dashboard for an administrator, over the same {@link DashboardService} as {@code /api/v1/dashboard}:
 * services up, today's mail and the last 30 days as a chart with its table, the queue, the collector's accounts,
 * disk use per mailbox, the certificate's expiry and failed logins. Anyone else goes to their own account.
 */
final class DashboardPages {
    /** The largest mailboxes shown; the rest are on the users page. */
    private static final int MAILBOXES = 10;

    private DashboardPages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/", Access.SIGNED_IN, r -> {
            if (!r.requireCaller().admin()) return Reply.redirect("/account");
            return page(r, services);
        });
    }

    private static Reply page(ConsoleRequest r, ConsoleServices services) {
        DashboardService.Dashboard d = OpsRoutes.io(() -> services.ops().dashboard().show());
        Statistics.Period today = d.today() != null ? d.today() : new Statistics.Period("", 0, 0, 0, 0, 0);
        var queue = d.queue();
        long failed = d.failedLoginsSinceStart().values().stream().mapToLong(Long::longValue).sum();
        var cert = d.certificate();
        List<Figure> figures = List.of(
                new Figure("Services", d.ready() ? "all up" : "problems", d.ready() ? "ok" : "bad", String.join(", ", d.problems())),
                new Figure("Received today", Integer.toString(today.in()), "", ""),
                new Figure("Sent out today", Integer.toString(today.out()), "", ""),
                new Figure("Delivered locally today", Integer.toString(today.local()), "", ""),
                new Figure("Collected today", Integer.toString(today.collected()), "", ""),
                new Figure("Refused today", Integer.toString(today.refused()), today.refused() > 0 ? "warn" : "", ""),
                new Figure("Queued", Integer.toString(queue.total()), queue.configProblems() > 0 ? "bad" : "",
                        queue.total() == 0 ? "" : "oldest " + Show.when(queue.oldest()) + (queue.held() > 0 ? ", " + queue.held() + " held" : "")),
                new Figure("Failed logins since start", Long.toString(failed), failed > 0 ? "warn" : "", describe(d.failedLoginsSinceStart())),
                cert.problem() != null ? new Figure("Certificate", "unreadable", "bad", cert.problem())
                        : new Figure("Certificate", cert.daysLeft() + " days left", cert.daysLeft() < 14 ? "bad" : cert.daysLeft() < 30 ? "warn" : "ok",
                                "until " + Show.when(cert.notAfter())),
                new Figure("Mail on disk", Show.bytes(d.disk().totalBytes()), "", "measured " + Show.when(d.disk().measured())));
        List<AccountRow> accounts = d.collector().stream().map(a -> new AccountRow(a.name(), a.server(), a.interval(),
                a.lastCycle() == null ? "not yet" : Show.when(a.lastCycle()), a.nextCycle() == null ? "" : Show.when(a.nextCycle()),
                a.lastError() == null ? "" : a.lastError(), a.lastMessages())).toList();
        List<MailboxRow> mailboxes = d.disk().mailboxes().stream().limit(MAILBOXES).map(m -> new MailboxRow(m.address(),
                m.usedBytes() < 0 ? "unreadable" : Show.bytes(m.usedBytes()), m.quotaBytes() == 0 ? "unlimited" : Show.bytes(m.quotaBytes()))).toList();
        List<Chart.Day> days = d.days().stream()
                .map(p -> new Chart.Day(p.period(), List.of((long) p.in(), (long) p.out(), (long) p.local(), (long) p.collected(), (long) p.refused())))
                .toList();
        Chart chart = new Chart("Mail per day", List.of("received", "sent out", "delivered locally", "collected", "refused"), days);
        Map<String, Object> params = new HashMap<>();
        params.put("figures", figures);
        params.put("chart", chart);
        params.put("accounts", accounts);
        params.put("mailboxes", mailboxes);
        return Page.render(r, Page.frame(r, "Dashboard", "/"), "dashboard.jte", params);
    }

    private static String describe(Map<String, Long> byProtocol) {
        StringBuilder s = new StringBuilder();
        byProtocol.forEach((protocol, n) -> s.append(s.isEmpty() ? "" : ", ").append(protocol).append(' ').append(n));
        return s.toString();
    }
}
