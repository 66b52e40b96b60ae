package org.postroom.web.pages;

import java.util.Map;
import java.util.Optional;
import org.postroom.message.MailAddress;
import org.postroom.service.AddressBook;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/**
 * {@code /aliases}, {@code /groups}, {@code /groups/{address}} (members, list policy) and {@code /domains}
 * (catch-all): {@link AddressBook}, as the API's aliases, groups and domains and {@code postroom alias|group|domain}.
 */
final class AddressPages {
    private AddressPages() {}

    static void register(Routes routes, ConsoleServices services) {
        AddressBook book = services.addressBook();
        routes.get("/aliases", Access.ADMIN, r -> aliases(r, services, 200, null));
        routes.post("/aliases", Access.ADMIN, r -> Page.submit("/aliases", () -> {
            MailAddress address = Addresses.one(services, Page.required(r, "address", "The alias address"));
            var targets = Addresses.many(services, Page.required(r, "targets", "Delivers to"));
            boolean exists = services.directory().findAlias(address).isPresent();
            var saved = exists ? book.addAliasTargets(UserPages.actor(r), address, targets) : book.addAlias(UserPages.actor(r), address, targets);
            return "Saved alias " + saved.address() + " → " + String.join(", ", saved.targets());
        }, e -> aliases(r, services, e.status(), e.getMessage())));
        routes.post("/aliases/remove", Access.ADMIN, r -> Page.submit("/aliases", () -> {
            MailAddress address = MailAddress.parse(Page.required(r, "address", "The alias"));
            book.removeAlias(UserPages.actor(r), address);
            return "Removed alias " + address;
        }, e -> aliases(r, services, e.status(), e.getMessage())));

        routes.get("/groups", Access.ADMIN, r -> groups(r, services, 200, null));
        routes.post("/groups", Access.ADMIN, r -> Page.submit("/groups", () -> {
            MailAddress address = Addresses.one(services, Page.required(r, "address", "The group address"));
            String members = r.form("members").orElse("").strip();
            var saved = book.addGroup(UserPages.actor(r), address, Page.ticked(r, "localSendersOnly"),
                    members.isEmpty() ? java.util.List.of() : Addresses.many(services, members));
            return "Created group " + saved.address();
        }, e -> groups(r, services, e.status(), e.getMessage())));
        routes.get("/groups/{address}", Access.ADMIN, r -> group(r, services, 200, null));
        routes.post("/groups/{address}/members", Access.ADMIN, r -> Page.submit(groupLink(r), () -> {
            var saved = book.addMembers(UserPages.actor(r), groupAddress(r), Addresses.many(services, Page.required(r, "members", "Addresses")));
            return "Group " + saved.address() + " has " + saved.members().size() + " member(s)";
        }, e -> group(r, services, e.status(), e.getMessage())));
        routes.post("/groups/{address}/members/remove", Access.ADMIN, r -> Page.submit(groupLink(r), () -> {
            MailAddress member = MailAddress.parse(Page.required(r, "member", "The member"));
            book.removeMembers(UserPages.actor(r), groupAddress(r), java.util.List.of(member));
            return "Removed " + member + " from the group";
        }, e -> group(r, services, e.status(), e.getMessage())));
        routes.post("/groups/{address}/policy", Access.ADMIN, r -> Page.submit(groupLink(r), () -> {
            var saved = book.setLocalSendersOnly(UserPages.actor(r), groupAddress(r), Page.ticked(r, "localSendersOnly"));
            return saved.localSendersOnly() ? "Only office users may send to " + saved.address() : "Anyone may send to " + saved.address();
        }, e -> group(r, services, e.status(), e.getMessage())));
        routes.post("/groups/{address}/remove", Access.ADMIN, r -> Page.submit("/groups", () -> {
            book.removeGroup(UserPages.actor(r), groupAddress(r));
            return "Removed group " + groupAddress(r);
        }, e -> group(r, services, e.status(), e.getMessage())));

        routes.get("/domains", Access.ADMIN, r -> domains(r, services, 200, null));
        routes.post("/domains", Access.ADMIN, r -> Page.submit("/domains", () -> {
            var saved = book.addDomain(UserPages.actor(r), Page.required(r, "name", "The domain name"));
            return "Added domain " + saved.name();
        }, e -> domains(r, services, e.status(), e.getMessage())));
        routes.post("/domains/remove", Access.ADMIN, r -> Page.submit("/domains", () -> {
            String name = Page.required(r, "domain", "The domain");
            book.removeDomain(UserPages.actor(r), name);
            return "Removed domain " + name;
        }, e -> domains(r, services, e.status(), e.getMessage())));
        routes.post("/domains/catch-all", Access.ADMIN, r -> Page.submit("/domains", () -> {
            String name = Page.required(r, "domain", "The domain");
            String target = r.form("target").orElse("").strip();
            var saved = book.setCatchAll(UserPages.actor(r), name, target.isEmpty() ? Optional.empty() : Optional.of(Addresses.one(services, target)));
            return saved.catchAll() == null ? "No catch-all for " + saved.name() : "Mail to unknown addresses at " + saved.name() + " goes to " + saved.catchAll();
        }, e -> domains(r, services, e.status(), e.getMessage())));
    }

    private static Optional<String> search(ConsoleRequest r) {
        return r.query("q").map(String::strip).filter(q -> !q.isEmpty());
    }

    private static Reply aliases(ConsoleRequest r, ConsoleServices services, int status, String error) {
        Frame frame = Page.frame(r, "Aliases", "/aliases").withError(error);
        return Page.render(r, status, frame, "aliases.jte", Map.of("q", search(r).orElse(""), "aliases", services.addressBook().aliases(search(r))));
    }

    private static Reply groups(ConsoleRequest r, ConsoleServices services, int status, String error) {
        Frame frame = Page.frame(r, "Groups", "/groups").withError(error);
        return Page.render(r, status, frame, "groups.jte", Map.of("q", search(r).orElse(""), "groups", services.addressBook().groups(search(r))));
    }

    private static Reply group(ConsoleRequest r, ConsoleServices services, int status, String error) {
        var group = services.addressBook().group(groupAddress(r));
        Frame frame = Page.frame(r, "Group " + group.address(), "/groups").withError(error);
        return Page.render(r, status, frame, "group.jte", Map.of("group", group));
    }

    private static Reply domains(ConsoleRequest r, ConsoleServices services, int status, String error) {
        Frame frame = Page.frame(r, "Domains", "/domains").withError(error);
        return Page.render(r, status, frame, "domains.jte", Map.of("domains", services.addressBook().domains()));
    }

    private static MailAddress groupAddress(ConsoleRequest r) {
        return MailAddress.parse(r.pathParam("address"));
    }

    private static String groupLink(ConsoleRequest r) {
        return "/groups/" + Show.segment(r.pathParam("address"));
    }
}
