package org.postroom.web.pages;

import java.util.Map;
import org.postroom.directory.User;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleError;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.OwnPassword;
import org.postroom.web.console.Routes;

/**
 * {@code /account}: any signed-in user's own page, their quota use and a password change that needs the current
 * password first (a session left open must not be enough to take the account over).
 */
final class AccountPages {
    private AccountPages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/account", Access.SIGNED_IN, r -> page(r, services, 200, null));
        routes.post("/account/password", Access.SIGNED_IN, r -> Page.submit("/account", () -> {
            String password = Page.required(r, "password", "The new password");
            if (!password.equals(r.form("again").orElse(""))) throw ConsoleError.unprocessable("the two new passwords differ");
            User me = services.users().require(r.requireCaller().address());
            try {
                OwnPassword.change(services, r, me, r.form("current").orElse("").toCharArray(), password.toCharArray());
            } catch (ConsoleError e) { // the form is shown again with the reason, as for any refused field
                if (e.status() == 403) throw ConsoleError.unprocessable(e.getMessage());
                throw e;
            }
            return "Your password is changed; sign in again with it";
        }, e -> page(r, services, e.status(), e.getMessage())));
    }

    private static Reply page(ConsoleRequest r, ConsoleServices services, int status, String error) {
        var user = services.users().view(services.users().require(r.requireCaller().address()));
        Frame frame = Page.frame(r, "My account", "/account").withError(error);
        return Page.render(r, status, frame, "account.jte", Map.of("user", UserRow.of(user)));
    }
}
