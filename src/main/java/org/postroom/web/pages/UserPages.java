package org.postroom.web.pages;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.message.MailAddress;
import org.postroom.service.Quotas;
import org.postroom.service.DirectoryViews.UserDetail;
import org.postroom.service.DirectoryViews.UserRemoved;
import org.postroom.service.DirectoryViews.UserView;
import org.postroom.service.UserService;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/**
 * {@code /users} (list with search, new user) and {@code /users/{address}} (settings, password reset, removal with
 * the mailbox kept or set aside): {@link UserService}, as {@code /api/v1/users} and {@code postroom user}.
 */
final class UserPages {
    private UserPages() {}

    static void register(Routes routes, ConsoleServices services) {
        UserService users = services.users();
        routes.get("/users", Access.ADMIN, r -> list(r, services, 200, null));
        routes.post("/users", Access.ADMIN, r -> Page.submit("/users", () -> {
            MailAddress address = Addresses.one(services, Page.required(r, "address", "The address"));
            long quota = Quotas.parse(r.form("quota").orElse(""));
            char[] password = Page.required(r, "password", "The password").toCharArray();
            var added = users.add(actor(r), new UserService.NewUser(address, r.form("name").orElse("").strip(), password,
                    Page.ticked(r, "internalOnly"), quota, false));
            return "Created user " + added.user().address() + added.note().map(n -> " (" + n + ")").orElse("");
        }, e -> list(r, services, e.status(), e.getMessage())));
        routes.get("/users/{address}", Access.ADMIN, r -> detail(r, services, 200, null));
        routes.post("/users/{address}", Access.ADMIN, r -> Page.submit(link(r), () -> {
            MailAddress address = MailAddress.parse(r.pathParam("address"));
            String pop3 = r.form("pop3").orElse("yes");
            String imap = r.form("imap").orElse("yes");
            var changes = new UserService.Changes(Optional.of(r.form("name").orElse("").strip()), Optional.of(Page.ticked(r, "enabled")),
                    Optional.of(Page.ticked(r, "internalOnly")), Optional.of(Quotas.parse(r.form("quota").orElse(""))),
                    Optional.of(!pop3.equals("no")), Optional.of(pop3.equals("office")), Optional.of(!imap.equals("no")),
                    Optional.of(imap.equals("office")), Optional.of(Page.ticked(r, "admin")));
            UserView changed = users.change(actor(r), address, changes);
            return "Saved " + changed.address();
        }, e -> detail(r, services, e.status(), e.getMessage())));
        routes.post("/users/{address}/password", Access.ADMIN, r -> Page.submit(link(r), () -> {
            MailAddress address = MailAddress.parse(r.pathParam("address"));
            users.setPassword(actor(r), address, Page.required(r, "password", "The new password").toCharArray());
            return "Set a new password for " + address;
        }, e -> detail(r, services, e.status(), e.getMessage())));
        routes.post("/users/{address}/remove", Access.ADMIN, r -> Page.submit("/users", () -> {
            MailAddress address = MailAddress.parse(r.pathParam("address"));
            UserRemoved removed = users.remove(actor(r), address, Page.ticked(r, "keepMail"));
            return switch (removed.mailbox()) {
                case "kept" -> "Removed user " + removed.removed() + "; the mailbox stays at " + removed.path();
                case "moved" -> "Removed user " + removed.removed() + "; the mailbox was moved to " + removed.path();
                default -> "Removed user " + removed.removed() + " (no mailbox)";
            };
        }, e -> detail(r, services, e.status(), e.getMessage())));
    }

    private static Reply list(ConsoleRequest r, ConsoleServices services, int status, String error) {
        String q = r.query("q").orElse("").strip();
        List<UserRow> rows = services.users().list(q.isEmpty() ? Optional.empty() : Optional.of(q)).stream().map(UserRow::of).toList();
        Frame frame = Page.frame(r, "Users", "/users").withError(error);
        return Page.render(r, status, frame, "users.jte", Map.of("q", q, "users", rows));
    }

    private static Reply detail(ConsoleRequest r, ConsoleServices services, int status, String error) {
        UserDetail d = services.users().show(MailAddress.parse(r.pathParam("address")));
        UserRow row = new UserRow(d.address(), d.name(), d.enabled(), d.admin(), d.internalOnly(), access(d.pop3Allowed(), d.pop3OfficeOnly()),
                access(d.imapAllowed(), d.imapOfficeOnly()), d.quotaBytes(), d.usedBytes());
        Frame frame = Page.frame(r, d.address(), "/users").withError(error);
        return Page.render(r, status, frame, "user.jte", Map.of("user", row, "groups", d.groups(), "aliases", d.aliases()));
    }

    private static String access(boolean allowed, boolean officeOnly) {
        return !allowed ? "no" : officeOnly ? "office" : "yes";
    }

    private static String link(ConsoleRequest r) {
        return "/users/" + Show.segment(r.pathParam("address"));
    }

    static String actor(ConsoleRequest r) {
        return r.requireCaller().address().toString();
    }
}
