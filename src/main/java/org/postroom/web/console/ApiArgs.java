package org.postroom.web.console;

import java.util.List;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;

/** Addresses as the API takes them: always whole ({@code ann@office.test}), a malformed one a 422 that names it. */
final class ApiArgs {
    private ApiArgs() {}

    static MailAddress address(String text) {
        try {
            return MailAddress.parse(text.strip());
        } catch (AddressSyntaxException e) {
            throw ConsoleError.unprocessable("'" + text + "' is not an address: " + e.getMessage());
        }
    }

    static List<MailAddress> addresses(List<String> texts) {
        return texts.stream().map(ApiArgs::address).toList();
    }

    /** Who acts, for the audit trail: the caller's address. */
    static String actor(ConsoleRequest r) {
        return r.requireCaller().address().toString();
    }

    static boolean flag(ConsoleRequest r, String name, boolean otherwise) {
        return r.query(name).map(v -> switch (v) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ConsoleError.invalid("?" + name + "= takes true or false");
        }).orElse(otherwise);
    }
}
