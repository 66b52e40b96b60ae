package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ConsoleClient;
import org.postroom.testing.TestPostroom;

/**
 * A password set, a disable or a removal by the CLI (another process: the server hears nothing) ends the user's
 * console sessions in the running server all the same, through the credential stamp each session keeps.
 */
class CliEndsConsoleSessionsTest {
    @TempDir
    Path data;
    TestPostroom postroom;

    @BeforeEach
    void start() {
        postroom = TestPostroom.start(data);
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    private ConsoleClient signedIn(String local) {
        ConsoleClient c = ConsoleClient.user(postroom, local);
        assertThat(c.get("/api/v1/me").status()).isEqualTo(200);
        return c;
    }

    private void ok(Cli.Result r) {
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void passwdDisableAndRemoveFromTheCliEndTheSessions() {
        ConsoleClient ann = signedIn("ann");
        ok(Cli.runWithInput("another-long-password\n", "user", "passwd", "--data=" + data, "ann@office.test", "--password-stdin"));
        assertThat(ann.get("/api/v1/me").status()).isEqualTo(401);

        ConsoleClient bea = signedIn("bea");
        ok(Cli.run("user", "disable", "--data=" + data, "bea@office.test"));
        assertThat(bea.get("/api/v1/me").status()).isEqualTo(401);

        ConsoleClient cid = signedIn("cid");
        ok(Cli.run("user", "remove", "--data=" + data, "cid@office.test"));
        assertThat(cid.get("/api/v1/me").status()).isEqualTo(401);

        // A change that is not about signing in leaves the session alone.
        ConsoleClient dan = signedIn("dan");
        ok(Cli.run("user", "set", "--data=" + data, "dan@office.test", "--name", "Dan"));
        assertThat(dan.get("/api/v1/me").status()).isEqualTo(200);
    }
}
