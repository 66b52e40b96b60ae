package org.postroom.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.postroom.collect.CycleReport;
import org.postroom.collect.HeldMail;
import org.postroom.collect.Sorting;

/**
 * What the collector's faces show, as records that {@code --format json} and the API write alike (Jackson). Times
 * are ISO-8601 instants; an absent value is null.
 */
public final class CollectorViews {
    private CollectorViews() {}

    /** One cycle: when, what it found and filed, and why it stopped early if it did. */
    public record Cycle(String account, String started, String finished, int messages, int delivered, int unresolved, int duplicates, String error,
            String next) {
        public static Cycle of(CycleReport r) {
            return new Cycle(r.account(), r.started().toString(), r.finished().toString(), r.messages(), r.delivered(), r.unresolved(),
                    r.duplicates(), r.error().orElse(null), r.next().map(Instant::toString).orElse(null));
        }
    }

    /**
     * One account, never with its password.
     *
     * @param source {@code "postroom.toml"} (changed only there, then reload) or {@code "database"} (console, API, CLI)
     * @param settings the keys of a {@code [[collect.account]]} table: for the database's, as written (defaults left out)
     * @param problem why it is not collected (a stored password that does not open, a name the file took), or null
     */
    public record Account(String account, String source, boolean enabled, String server, String login, String mode,
            @JsonProperty("password_set") boolean passwordSet, ObjectNode settings, String problem, Cycle last) {}

    /** {@code collect ACCOUNT --dry-run}: per message where it would go, and what the provider's headers show. */
    public record DryRun(String account, String error, List<Sorting> messages, @JsonProperty("envelope_headers_seen") List<String> envelopeHeadersSeen,
            @JsonProperty("one_copy_per_recipient") boolean oneCopyPerRecipient) {}

    /** A held message ({@code unresolved = "hold"}). */
    public record Held(String account, String id, @JsonProperty("held_at") String heldAt, long size, String from, String subject,
            @JsonProperty("message_id") String messageId, String why) {
        public static Held of(HeldMail.Held h) {
            return new Held(h.account(), h.id(), h.heldAt().truncatedTo(ChronoUnit.SECONDS).toString(), h.size(), h.from(), h.subject(),
                    h.messageId(), h.why());
        }
    }
}
