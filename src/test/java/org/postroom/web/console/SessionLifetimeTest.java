package org.postroom.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.MutableClock;
import org.postroom.testing.TestPostroom;

/** Sessions end when idle, at their absolute lifetime, and logins are throttled as the mail doors' are. */
class SessionLifetimeTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void anIdleSessionEndsAfterThirtyMinutes() {
        MutableClock clock = new MutableClock();
        postroom = TestPostroom.start(dir, "", clock);
        ConsoleClient user = ConsoleClient.user(postroom, "idle");
        clock.advance(Duration.ofMinutes(29));
        assertThat(user.get("/api/v1/me").status()).isEqualTo(200); // and the idle clock starts again
        clock.advance(Duration.ofMinutes(29));
        assertThat(user.get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(30));
        assertThat(user.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void anActiveSessionEndsAfterTwelveHours() {
        MutableClock clock = new MutableClock();
        postroom = TestPostroom.start(dir, "", clock);
        ConsoleClient user = ConsoleClient.user(postroom, "busy");
        for (int i = 0; i < 12 * 3 - 1; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(user.get("/api/v1/me").status()).as("after %d minutes", (i + 1) * 20).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(user.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void repeatedWrongPasswordsLockTheLoginAsAtTheMailDoors() {
        postroom = TestPostroom.start(dir, "[auth]\nfailure_delay = \"0s\"\nmax_failures = 3\nlockout = \"5m\"\n");
        postroom.addUser("target");
        ConsoleClient c = ConsoleClient.to(postroom);
        for (int i = 0; i < 3; i++) assertThat(c.login("target@office.test", "guess " + i).status()).isEqualTo(401);
        var locked = c.login("target@office.test", TestPostroom.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.errorCode()).isEqualTo("throttled");
        assertThat(locked.header("Set-Cookie")).isEmpty();
        // The same counts as the doors' (what `postroom auth locked` lists): the login is locked for IMAP and POP3 too.
        try (var db = org.postroom.directory.Database.openExisting(org.postroom.directory.Database.fileIn(dir))) {
            var locks = new org.postroom.directory.LoginFailures(db).locked(3, java.time.Instant.now().minus(Duration.ofMinutes(5)),
                    Duration.ofMinutes(5));
            assertThat(locks).anySatisfy(l -> assertThat(l.key()).isEqualTo("target@office.test"));
        }
    }
}
