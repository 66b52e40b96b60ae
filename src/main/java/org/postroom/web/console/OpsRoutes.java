package org.postroom.web.console;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.postroom.service.Audit;

/**
 * What the operations routes share: a service's I/O failure as a 503, whole-number query parameters, the audit.
 * Public for the pages (web.pages), which answer the same failures the same way.
 */
public final class OpsRoutes {
    private OpsRoutes() {}

    /** Work that reads or writes the data folder. */
    @FunctionalInterface
    public interface Io<T> {
        T get() throws IOException;
    }

    public static <T> T io(Io<T> work) {
        try {
            return work.get();
        } catch (IOException e) {
            throw ConsoleError.unavailable(e.getMessage());
        }
    }

    /** A whole-number query parameter between {@code min} and {@code max}, else 400 naming it. */
    public static int intQuery(ConsoleRequest r, String name, int fallback, int min, int max) {
        Optional<String> text = r.query(name);
        if (text.isEmpty() || text.get().isBlank()) return fallback;
        try {
            int n = Integer.parseInt(text.get().strip());
            if (n < min || n > max) throw ConsoleError.invalid(name + " must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw ConsoleError.invalid(name + " must be a whole number");
        }
    }

    /** Who acts, for the audit trail. */
    static String who(ConsoleRequest r) {
        return r.caller().map(c -> c.address().toString()).orElse("");
    }

    static void audit(ConsoleServices services, ConsoleRequest r, String action, String target, Audit.Outcome outcome, String reason) {
        services.audit().record(who(r), action, target, outcome, reason, Map.of());
    }
}
