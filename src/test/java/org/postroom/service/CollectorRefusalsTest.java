package org.postroom.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.collect.AccountCollector;
import org.postroom.collect.CollectControl;
import org.postroom.collect.CollectLedger;
import org.postroom.collect.StoredAccounts;
import org.postroom.directory.Database;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.trace.Event;
import org.postroom.web.console.ConsoleError;

/**
 * When the collector says no, the service says what kind of no: a cycle it will not run now is a conflict (409), a
 * change saved but not taken by the running collector is "unavailable" (503) and audited as failed, not a bug (500).
 */
class CollectorRefusalsTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedCycleIsAConflictAndAnUntakenChangeIsUnavailableAndAuditedAsFailed() {
        List<Event> audited = new ArrayList<>();
        CollectorRuntime saysNo = new CollectorRuntime() {
            @Override
            public CollectControl.Reply ask(CollectControl.Request request) {
                return new CollectControl.Reply(false, "a cycle is running already", List.of());
            }

            @Override
            public Optional<AccountCollector.Outcome> dryRun(String name) {
                return Optional.empty();
            }
        };
        try (Database db = Database.open(dir.resolve("postroom.db"))) {
            CollectorService service = new CollectorService(List::of, new StoredAccounts(db, dir), new CollectLedger(db), dir, saysNo,
                    new Audit(audited::add, Clock.systemUTC(), "test"), Pop3Timeouts.DEFAULT, Clock.systemUTC());
            assertThatThrownBy(() -> service.collectNow("admin@office.test", Optional.empty()))
                    .isInstanceOfSatisfying(CollectorException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CollectorException.Kind.CONFLICT);
                        assertThat(ConsoleError.from(e).orElseThrow().status()).isEqualTo(409);
                    });
            ObjectNode settings = new ObjectMapper().createObjectNode().put("host", "127.0.0.1").put("tls", "none")
                    .put("allow_plaintext", true).put("login", "office").put("mode", "multi-drop").put("interval", "1h");
            assertThatThrownBy(() -> service.add("admin@office.test", "office", settings, "top-secret"))
                    .isInstanceOfSatisfying(CollectorNotApplied.class, e -> {
                        assertThat(e.getMessage()).startsWith("saved, but");
                        assertThat(ConsoleError.from(e).orElseThrow().status()).isEqualTo(503);
                    });
            assertThat(audited).extracting(e -> e.detail("outcome")).containsExactly("refused", "failed");
        }
    }
}
