package org.postroom.web.pages;

import java.util.ArrayList;
import java.util.List;
import org.postroom.message.MailAddress;
import org.postroom.web.console.ConsoleError;
import org.postroom.web.console.ConsoleServices;

/** Addresses as a form gives them: one, or several separated by commas or spaces; a bare name takes the only local domain. */
final class Addresses {
    private Addresses() {}

    static MailAddress one(ConsoleServices services, String text) {
        String t = text.strip();
        if (t.indexOf('@') < 0) {
            var domains = services.directory().domains();
            if (domains.size() != 1) throw ConsoleError.unprocessable("'" + t + "' has no @domain and there are " + domains.size() + " local domains; write the full address");
            t = t + "@" + domains.getFirst().name();
        }
        return MailAddress.parse(t);
    }

    static List<MailAddress> many(ConsoleServices services, String text) {
        List<MailAddress> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) out.add(one(services, part));
        }
        if (out.isEmpty()) throw ConsoleError.unprocessable("give at least one address");
        return out;
    }
}
