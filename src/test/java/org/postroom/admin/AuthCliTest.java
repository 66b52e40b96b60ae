package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.RawSmtp;
import org.postroom.testing.TestPostroom;

/** {@code postroom auth locked|unlock} against a running server: what it refuses now, and letting someone in again. */
class AuthCliTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    private String auth(String login, String password) throws Exception {
        try (RawSmtp smtp = RawSmtp.connect(postroom.smtpPort())) {
            smtp.reply();
            smtp.command("EHLO client.example");
            return smtp.command("AUTH PLAIN " + RawSmtp.plain(login, password));
        }
    }

    @Test
    void lockedListsTheLockedLoginAndAddressAndUnlockLetsThemIn() throws Exception {
        // Loopback outside the office networks, so the address is locked too.
        postroom = TestPostroom.start(dir, "[auth]\nmax_failures = 2\nfailure_delay = \"0s\"\nlockout = \"5m\"\n"
                + "[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n");
        postroom.addUser("bob");
        String data = dir.toString();
        assertThat(Cli.run("auth", "locked", "--data", data).out()).isEqualTo("nothing is locked\n");
        assertThat(auth("bob@office.test", "one")).startsWith("535 ");
        assertThat(auth("bob@office.test", "two")).startsWith("535 ");
        assertThat(auth("bob@office.test", TestPostroom.PASSWORD)).startsWith("421 ");

        Cli.Result locked = Cli.run("auth", "locked", "--data", data, "--format", "json");
        assertThat(locked.code()).as(locked.toString()).isZero();
        assertThat(locked.json()).hasSize(2);
        assertThat(locked.json().get(0).get("kind").asText()).isEqualTo("login");
        assertThat(locked.json().get(0).get("key").asText()).isEqualTo("bob@office.test");
        assertThat(locked.json().get(0).get("failures").asInt()).isEqualTo(2);
        assertThat(locked.json().get(1).get("kind").asText()).isEqualTo("address");
        assertThat(locked.json().get(1).get("key").asText()).isEqualTo("127.0.0.1");

        Cli.Result unlock = Cli.run("auth", "unlock", "127.0.0.1", "--data", data);
        assertThat(unlock.code()).as(unlock.toString()).isZero();
        assertThat(unlock.out()).isEqualTo("unlocked 127.0.0.1\n");
        assertThat(auth("bob@office.test", TestPostroom.PASSWORD)).startsWith("235 ");
        assertThat(Cli.run("auth", "locked", "--data", data).out()).isEqualTo("nothing is locked\n");
        assertThat(Cli.run("auth", "unlock", "nobody", "--data", data).code()).isEqualTo(ExitCodes.NO_SUCH);
    }

    @Test
    void unlockingALoginFromTheOffice() throws Exception {
        postroom = TestPostroom.start(dir, "[auth]\nmax_failures = 2\nfailure_delay = \"0s\"\nlockout = \"5m\"\n");
        postroom.addUser("bob");
        String data = dir.toString();
        auth("bob@office.test", "one");
        auth("bob@office.test", "two");
        assertThat(auth("bob@office.test", TestPostroom.PASSWORD)).startsWith("454 ");
        assertThat(Cli.run("auth", "locked", "--data", data).out()).contains("login  bob@office.test");
        assertThat(Cli.run("auth", "unlock", "BOB@office.test", "--data", data).code()).isZero();
        assertThat(auth("bob@office.test", TestPostroom.PASSWORD)).startsWith("235 ");
    }

    @Test
    void reloadedOfficeNetworksDecideWhatALockoutLocks() throws Exception {
        postroom = TestPostroom.start(dir, "[auth]\nmax_failures = 2\nfailure_delay = \"0s\"\nlockout = \"5m\"\n");
        postroom.addUser("bob");
        Path toml = dir.resolve(org.postroom.config.ConfigLoader.FILE_NAME);
        String text = java.nio.file.Files.readString(toml);
        assertThat(text).contains("[pop3]\nport = 0\ntls_port = 0\n");
        // Loopback leaves the office networks ([pop3]'s, which every door uses): from now on its failures lock the address too.
        java.nio.file.Files.writeString(toml, text.replace("[pop3]\nport = 0\ntls_port = 0\n",
                "[pop3]\nport = 0\ntls_port = 0\noffice_networks = [\"10.0.0.0/8\"]\n"));
        Cli.Result reload = Cli.run("reload", "--data", dir.toString());
        assertThat(reload.code()).as(reload.toString()).isZero();
        auth("bob@office.test", "one");
        auth("bob@office.test", "two");
        assertThat(auth("bob@office.test", TestPostroom.PASSWORD)).startsWith("421 ");
    }
}
