package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.CollectAccount;
import org.postroom.config.ConfigLoader;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.testing.MutableClock;
import org.postroom.testing.TestPostroom;

/** Keeping mail at the provider for some days, a named unresolved user, and STLS against a conforming server. */
class CollectMoreTest {
    @TempDir
    Path dir;
    Office office;
    TestPostroom providerPostroom;

    @AfterEach
    void tearDown() {
        if (providerPostroom != null) providerPostroom.close();
        if (office != null) office.close();
    }

    @Test
    void keptForSomeDaysThenDeleted() throws Exception {
        office = new Office(dir.resolve("office")).provider(ServerSetupTest.POP3, "office");
        office.put("office", "Delivered-To: alice@office.test\r\nMessage-ID: <keep@x>\r\n\r\nb\r\n");
        CollectAccount account = office.account("k", "office", "mode = \"multi-drop\"\nkeep = \"3d\"");
        MutableClock clock = new MutableClock();

        office.collect(account, clock);
        assertThat(office.atProvider("office")).isEqualTo(1);
        clock.advance(Duration.ofDays(2));
        office.collect(account, clock);
        assertThat(office.atProvider("office")).isEqualTo(1);
        clock.advance(Duration.ofDays(2));
        office.collect(account, clock);
        assertThat(office.atProvider("office")).isZero();
        assertThat(office.mailbox("alice")).hasSize(1);
    }

    @Test
    void unresolvedToANamedUser() throws Exception {
        office = new Office(dir.resolve("office")).provider(ServerSetupTest.POP3, "office");
        office.put("office", "Delivered-To: ghost@office.test\r\nMessage-ID: <ghost@x>\r\n\r\nb\r\n");

        office.collect(office.account("u", "office", "mode = \"multi-drop\"\nunresolved = \"carol@office.test\""));

        assertThat(office.mailbox("carol")).hasSize(1).first().asString().contains("X-Postroom-Unresolved: unknown local recipient(s) [ghost@office.test]");
        assertThat(office.mailbox("postmaster")).isEmpty();
    }

    @Test
    void stlsAndAuthPlainWithAPinnedCertificateAgainstPostroomsOwnPop3() throws Exception {
        // Postroom's POP3 server plays a conforming provider that offers STLS (GreenMail has none).
        providerPostroom = TestPostroom.start(dir.resolve("provider"));
        providerPostroom.addUser("office");
        providerPostroom.deliver("office", "Delivered-To: bob@office.test\r\nMessage-ID: <stls@x>\r\n\r\nthrough STLS\r\n");
        office = new Office(dir.resolve("office"));
        String toml = "[[collect.account]]\nname = \"s\"\nhost = \"127.0.0.1\"\nport = " + providerPostroom.port(Pop3Door.POP3)
                + "\ntls = \"starttls\"\ntrust = \"pinned\"\nca_file = \"" + dir.resolve("provider/tls/cert.pem") + "\"\nlogin = \"office@office.test\"\n"
                + "password = \"" + TestPostroom.PASSWORD + "\"\nlogin_method = \"plain\"\nmode = \"multi-drop\"\n";
        CollectAccount account = ConfigLoader.parse(office.dir, office.dir.resolve("postroom.toml"), toml).collect().getFirst();

        CycleReport report = office.collect(account);

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("bob")).hasSize(1).first().asString().contains("through STLS", "with POP3");
        assertThat(providerPostroom.delivered("office")).isEmpty();
    }
}
