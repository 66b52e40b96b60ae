package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.CollectAccount;
import org.postroom.config.ConfigLoader;
import org.postroom.store.Maildir;

/** Faults GreenMail cannot produce, from a scripted provider that keeps DELEd messages when a connection drops. */
class CollectFaultTest {
    @TempDir
    Path dir;
    Office office;
    ScriptedPop3 provider;

    @BeforeEach
    void setUp() throws Exception {
        office = new Office(dir);
        provider = new ScriptedPop3();
    }

    @AfterEach
    void tearDown() throws Exception {
        provider.close();
        office.close();
    }

    @Test
    void connectionDroppedMidRetrLosesNothingAndDeliversNothingTwice() throws Exception {
        provider.messages.add(ScriptedPop3.message("alice@office.test", "a1@x", 10));
        provider.messages.add(ScriptedPop3.message("bob@office.test", "b1@x", 5000));
        CollectAccount account = provider.account(dir);
        // First cycle: alice's message goes through; the connection drops in the middle of bob's, before QUIT.
        provider.dropMidRetr.set("b1@x");

        CycleReport first = office.collect(account);
        assertThat(first.error()).get().asString().contains("closed the connection");
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("bob")).isEmpty();
        assertThat(provider.messages).hasSize(2); // no QUIT: the DELE of alice's message was not applied

        CycleReport second = office.collect(account);
        assertThat(second.error()).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1); // recorded: deleted, not delivered again
        assertThat(office.mailbox("bob")).hasSize(1);
        assertThat(office.mailbox("bob").getFirst()).contains("line 4999");
        assertThat(provider.messages).isEmpty();
    }

    @Test
    void aDeliveryRecordedButNotCommittedIsNotAbortedAndTheNextCycleFinishesItOnce() throws Exception {
        // The store knows alice's Maildir; then her new/ becomes a file: the commit fails after the ledger recorded it.
        Maildir alice = office.store.maildir(Office.a("alice@office.test"));
        office.store.deliver(List.of(Office.a("alice@office.test")), out -> out.write("Subject: earlier\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        Files.move(alice.messages().getFirst().file(), alice.cur().resolve("earlier"));
        Files.delete(alice.newDir());
        Files.writeString(alice.newDir(), "in the way");
        provider.messages.add(ScriptedPop3.message("alice@office.test", "r1@x", 3));
        CollectAccount account = provider.account(dir);

        CycleReport first = office.collect(account);
        assertThat(first.error()).get().asString().contains("cannot store");
        assertThat(provider.messages).hasSize(1);
        try (var waiting = Files.list(alice.tmp())) {
            assertThat(waiting).hasSize(1); // kept for the record to finish
        }

        Files.delete(alice.newDir()); // the way is clear again
        CycleReport second = office.collect(account);

        assertThat(second.error()).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(2).filteredOn(m -> m.contains("r1@x")).hasSize(1);
        assertThat(provider.messages).isEmpty(); // known by its UIDL: deleted, not downloaded again
        assertThat(alice.tmp()).isEmptyDirectory();
    }

    @Test
    void refusedDeleIsRetriedInTheNextCycle() throws Exception {
        provider.messages.add(ScriptedPop3.message("alice@office.test", "d1@x", 3));
        provider.refuseDele.set(1);
        CollectAccount account = provider.account(dir);

        CycleReport first = office.collect(account);
        assertThat(first.error()).isEmpty();
        assertThat(provider.messages).hasSize(1);

        office.collect(account);
        assertThat(provider.messages).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1);
    }

    @Test
    void aMessageTheProviderWillNotGiveOutDoesNotBlockTheOthers() throws Exception {
        provider.messages.add(ScriptedPop3.message("alice@office.test", "broken@x", 3));
        provider.messages.add(ScriptedPop3.message("bob@office.test", "fine@x", 3));
        provider.refuseRetr.set("broken@x");

        CycleReport report = office.collect(provider.account(dir));

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("bob")).hasSize(1);
        assertThat(provider.messages).hasSize(1).first().asString().contains("broken@x");
    }

    @Test
    void tooLargeIsLeftAtTheProviderAndThePostmasterToldOnce() throws Exception {
        provider.messages.add(ScriptedPop3.message("alice@office.test", "big@x", 400)); // about 4 KiB
        String toml = "[[collect.account]]\nname = \"p\"\nhost = \"127.0.0.1\"\nport = " + provider.port()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"office\"\npassword = \"x\"\nmode = \"multi-drop\"\nmax_message_size = \"2K\"\n";
        CollectAccount account = ConfigLoader.parse(dir, dir.resolve("postroom.toml"), toml).collect().getFirst();

        office.collect(account);
        office.collect(account);

        assertThat(office.mailbox("alice")).isEmpty();
        assertThat(provider.messages).hasSize(1);
        assertThat(office.mailbox("postmaster")).hasSize(1).first().asString().contains("too large", "max_message_size = 2048");
    }

    @Test
    void bareLineFeedDotIsContentNotTheEnd() throws Exception {
        // GreenMail sends a stored "\n.\r\n" as is: only CRLF "." CRLF ends a message.
        provider.messages.add("Delivered-To: alice@office.test\r\nMessage-ID: <lf@x>\r\n\r\nfirst\n.\r\nstill the body\r\n..stuffed\r\n");

        office.collect(provider.account(dir));

        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("alice").getFirst()).contains("first\n.\r\nstill the body\r\n.stuffed\r\n");
    }
}
