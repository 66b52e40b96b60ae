package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.TraceReader;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/** Every state-changing admin action is an ADMIN event in the trace: who, what, target, outcome. */
class AuditTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir);
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    @Test
    void adminActionsAndRefusalsAreInTheTraceUnderTheAdminsAddress() throws Exception {
        ConsoleClient admin = ConsoleClient.admin(postroom, "chief");
        admin.post("/api/v1/users", Map.of("address", "new@office.test", "password", "a long enough password"));
        admin.post("/api/v1/users", Map.of("address", "new@office.test", "password", "a long enough password")); // refused: exists
        admin.patch("/api/v1/users/new@office.test", Map.of("quotaBytes", 1000));
        admin.post("/api/v1/groups", Map.of("address", "crew@office.test"));
        postroom.trace().flush();
        List<Event> events = admin("chief@office.test");
        assertThat(events).extracting(e -> e.detail("action") + " " + e.detail("outcome") + " " + e.detail("target")).contains(
                "user.add ok new@office.test", "user.add refused new@office.test", "user.set ok new@office.test", "group.add ok crew@office.test");
        Event refused = events.stream().filter(e -> e.detail("outcome").equals("refused")).findFirst().orElseThrow();
        assertThat(refused.detail("reason")).contains("already a user");
        assertThat(refused.sender()).isEqualTo("chief@office.test");
        assertThat(refused.detail("face")).isEqualTo("web");
        // the target's address finds it too
        assertThat(admin("new@office.test")).isNotEmpty();
    }

    private List<Event> admin(String query) throws Exception {
        try (TraceReader reader = TraceReader.open(dir, ZoneOffset.UTC)) {
            return reader.find(query, Instant.EPOCH, 100).stream().flatMap(s -> s.steps().stream())
                    .filter(e -> e.kind() == EventKind.ADMIN).toList();
        }
    }
}
