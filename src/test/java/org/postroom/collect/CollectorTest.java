package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.CollectAccount;

/** The collector against GreenMail as the provider: sorting, exactly-once, unresolved mail. */
class CollectorTest {
    @TempDir
    Path dir;
    Office office;

    @BeforeEach
    void setUp() {
        office = new Office(dir).provider(ServerSetupTest.POP3, "office", "second", "alicebox");
    }

    @AfterEach
    void tearDown() {
        office.close();
    }

    static String message(String headers, String body) {
        return headers.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n");
    }

    private CollectAccount multiDrop(String name, String login, String extra) {
        return office.account(name, login, "mode = \"multi-drop\"\ndomain_mailbox = \"" + login + "@provider.test\"\n" + extra);
    }

    @Test
    void singleDropDeliversEverythingToOneUserAndDeletesAtTheProvider() throws Exception {
        office.put("alicebox", message("From: x@outside.test\nTo: someone@else.test\nMessage-ID: <s1@x>\nSubject: one\n", "hello\n"));
        office.put("alicebox", message("From: x@outside.test\nTo: bob@office.test\nMessage-ID: <s2@x>\nSubject: two\n", "hello\n"));
        CollectAccount account = office.account("alice", "alicebox", "deliver_to = \"alice@office.test\"");

        CycleReport report = office.collect(account);

        assertThat(report.error()).isEmpty();
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(office.mailbox("alice")).hasSize(2).allSatisfy(m -> assertThat(m).contains("hello"));
        assertThat(office.mailbox("bob")).isEmpty();
        assertThat(office.atProvider("alicebox")).isZero();
    }

    @Test
    void multiDropWithEnvelopeHeadersGivesEachCopyOnlyToItsOwnRecipient() throws Exception {
        // One copy per recipient, as many providers store it: both copies name both users in To/Cc.
        String headers = "From: x@outside.test\nTo: alice@office.test\nCc: bob@office.test\nMessage-ID: <both@x>\nSubject: s\n";
        office.put("office", message("Delivered-To: office@provider.test\nDelivered-To: alice@office.test\n" + headers, "body\n"));
        office.put("office", message("Delivered-To: office@provider.test\nDelivered-To: bob@office.test\n" + headers, "body\n"));

        CycleReport report = office.collect(multiDrop("office", "office", ""));

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("bob")).hasSize(1);
        assertThat(office.mailbox("postmaster")).isEmpty();
    }

    @Test
    void envelopeHeaderBccRecipientGetsItThoughNotInToOrCc() throws Exception {
        office.put("office", message("X-Original-To: carol@office.test\nFrom: x@outside.test\nTo: alice@office.test\nMessage-ID: <bcc@x>\n", "b\n"));

        office.collect(multiDrop("office", "office", ""));

        assertThat(office.mailbox("carol")).hasSize(1);
        assertThat(office.mailbox("alice")).isEmpty();
    }

    @Test
    void receivedForIsUsedWhenThereIsNoEnvelopeHeader() throws Exception {
        office.put("office", message("Received: from mx.provider.test by pop.provider.test; Mon, 1 Jan 2026 00:00:00 +0000\n"
                + "Received: from out.sender.test by mx.provider.test with ESMTP id 1 for <bob@office.test>; Mon, 1 Jan 2026 00:00:00 +0000\n"
                + "From: x@outside.test\nTo: list@lists.test\nMessage-ID: <rf@x>\n", "b\n"));

        office.collect(multiDrop("office", "office", "skip_received = 1"));

        assertThat(office.mailbox("bob")).hasSize(1);
        assertThat(office.mailbox("postmaster")).isEmpty();
    }

    @Test
    void withoutEnvelopeInformationToAndCcAreUsedOnceForAll() throws Exception {
        office.put("office", message("From: x@outside.test\nTo: Alice <alice@office.test>, \"Team, all\" <team@office.test>\nCc: carol@office.test\n"
                + "Message-ID: <all@x>\n", "b\n"));

        office.collect(multiDrop("office", "office", ""));

        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("bob")).hasSize(1);
        assertThat(office.mailbox("carol")).hasSize(1);
    }

    @Test
    void mailingListMessageIsSortedByItsEnvelopeNotByTheListInTo() throws Exception {
        office.put("office", message("Delivered-To: bob@office.test\nFrom: poster@lists.test\nTo: dev@lists.test\nList-Id: <dev.lists.test>\n"
                + "Message-ID: <list@x>\n", "b\n"));

        office.collect(multiDrop("office", "office", ""));

        assertThat(office.mailbox("bob")).hasSize(1);
        assertThat(office.mailbox("postmaster")).isEmpty();
    }

    @Test
    void unknownLocalUserGoesToThePostmasterWithTheReason() throws Exception {
        office.put("office", message("Delivered-To: nobody@office.test\nFrom: x@outside.test\nTo: nobody@office.test\nMessage-ID: <u@x>\n", "b\n"));
        office.put("office", message("From: x@outside.test\nSubject: no recipients at all\nMessage-ID: <u2@x>\n", "b\n"));

        CycleReport report = office.collect(multiDrop("office", "office", ""));

        assertThat(report.unresolved()).isEqualTo(2);
        List<String> pm = office.mailbox("postmaster");
        assertThat(pm).hasSize(2);
        assertThat(pm.get(0)).contains("X-Postroom-Unresolved: unknown local recipient(s) [nobody@office.test]");
        assertThat(pm.get(1)).contains("X-Postroom-Unresolved: no recipient found");
        assertThat(office.atProvider("office")).isZero();
    }

    @Test
    void unresolvedHeldWhenTheAccountSaysSo() throws Exception {
        office.put("office", message("Delivered-To: nobody@office.test\nFrom: x@outside.test\nMessage-ID: <h@x>\n", "b\n"));

        office.collect(multiDrop("office", "office", "unresolved = \"hold\""));

        assertThat(office.mailbox("postmaster")).isEmpty();
        assertThat(office.held("office")).hasSize(1);
        // Issue 10 item 13: held mail is for the administrator's eyes only.
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(office.held("office").getFirst())))
                .isEqualTo("rw-------");
    }

    @Test
    void foreignAddressesAreNeverRelayed() throws Exception {
        office.put("office", message("From: x@outside.test\nTo: someone@elsewhere.test, alice@office.test\nMessage-ID: <f@x>\n", "b\n"));

        CycleReport report = office.collect(multiDrop("office", "office", ""));

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.dir.resolve("queue")).doesNotExist();
    }

    @Test
    void leaveOnServerDeliversOnlyOnceAcrossCycles() throws Exception {
        office.put("office", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <k@x>\n", "b\n"));
        CollectAccount account = multiDrop("office", "office", "keep = \"forever\"");

        office.collect(account);
        CycleReport second = office.collect(account);

        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(second.delivered()).isZero();
        assertThat(office.atProvider("office")).isEqualTo(1);
    }

    @Test
    void theSameMessageThroughTwoAccountsReachesEachUserOnce() throws Exception {
        String raw = message("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <two-accounts@x>\n", "b\n");
        office.put("office", raw);
        office.put("second", raw);

        office.collect(multiDrop("office", "office", ""));
        CycleReport second = office.collect(multiDrop("second", "second", ""));

        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(office.atProvider("second")).isZero();
    }

    @Test
    void manyCopiesFiledInParallelLanesReachEachUserOnce() throws Exception {
        // 60 messages, each stored three times one after another and again at the end of the mailbox, so that
        // copies are in flight together; the lanes must still give each recipient exactly one.
        List<String> raws = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String to = List.of("alice", "bob", "carol").get(i % 3);
            raws.add(message("Delivered-To: " + to + "@office.test\nFrom: x@outside.test\nMessage-ID: <lane" + i + "@x>\n", "body " + i + "\n"));
        }
        for (String raw : raws) {
            for (int copy = 0; copy < 3; copy++) office.put("office", raw);
        }
        for (String raw : raws) office.put("office", raw);

        CycleReport report = office.collect(multiDrop("office", "office", ""));

        assertThat(report.error()).isEmpty();
        assertThat(report.delivered()).isEqualTo(60);
        assertThat(report.duplicates()).isEqualTo(180);
        for (String user : List.of("alice", "bob", "carol")) {
            List<String> box = office.mailbox(user);
            assertThat(box).hasSize(20);
            assertThat(box.stream().map(m -> m.substring(m.indexOf("Message-ID:"))).distinct()).hasSize(20);
        }
        assertThat(office.atProvider("office")).isZero();
    }

    @Test
    void withoutMessageIdTheDigestTellsDuplicatesApart() throws Exception {
        office.put("office", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nSubject: a\n", "same\n"));
        office.put("second", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nSubject: a\n", "same\n"));
        office.put("second", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nSubject: b\n", "other\n"));

        office.collect(multiDrop("office", "office", ""));
        office.collect(multiDrop("second", "second", ""));

        assertThat(office.mailbox("alice")).hasSize(2);
    }

    @Test
    void providerDownIsAnErrorInTheStatusAndTheNextCycleWorks() throws Exception {
        office.put("office", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <d@x>\n", "b\n"));
        CollectAccount account = multiDrop("office", "office", "");
        int port = office.providerPort();
        office.provider.stop();
        Collector collector = new Collector(List.of(account), office.directory, office.router, office.intake, office.ledger, dir, java.time.Clock.systemUTC(),
                org.postroom.pop3.client.Pop3Timeouts.DEFAULT);

        CycleReport down = collector.runNow("office");
        assertThat(down.error()).get().asString().contains("cannot connect");
        assertThat(office.ledger.status("office")).get().extracting(CycleReport::error).isEqualTo(down.error());

        office.provider = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(port, "127.0.0.1", "pop3"));
        office.provider.start();
        office.provider.setUser("office@provider.test", "office", "secret");
        office.put("office", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <d@x>\n", "b\n"));
        CycleReport up = collector.runNow("office");
        assertThat(up.error()).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1);
    }

    @Test
    void wrongPasswordIsAnErrorAndTouchesNothing() throws Exception {
        office.put("office", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <w@x>\n", "b\n"));
        CollectAccount account = office.account("office", "office", "mode = \"multi-drop\"").withPassword("wrong");

        CycleReport report = office.collect(account);

        assertThat(report.error()).get().asString().contains("refused");
        assertThat(report.error().get()).doesNotContain("wrong");
        assertThat(office.atProvider("office")).isEqualTo(1);
    }

    @Test
    void dryRunPrintsTheSortingAndChangesNothing() throws Exception {
        office.put("office", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nTo: nobody@office.test, x@far.test\nMessage-ID: <dr@x>\n",
                "b\n"));
        office.put("office", message("From: x@outside.test\nTo: nobody@office.test, x@far.test\nMessage-ID: <dr2@x>\n", "b\n"));

        AccountCollector.Outcome outcome = office.collector(multiDrop("office", "office", "")).run(AccountCollector.Run.DRY_RUN);

        assertThat(outcome.sortings()).hasSize(2);
        Sorting first = outcome.sortings().get(0);
        assertThat(first.rule()).isEqualTo("envelope header Delivered-To");
        assertThat(first.deliverTo()).containsExactly(Office.a("alice@office.test"));
        Sorting second = outcome.sortings().get(1);
        assertThat(second.unresolved()).containsExactly(Office.a("nobody@office.test"));
        assertThat(second.foreign()).containsExactly(Office.a("x@far.test"));
        assertThat(second.unresolvedTo()).isEqualTo("postmaster@office.test");
        assertThat(office.mailbox("alice")).isEmpty();
        assertThat(office.atProvider("office")).isEqualTo(2);
    }

    /** Review: a dry run takes the account's cycle lock, so it never opens a second POP3 session beside a running cycle. */
    @Test
    void dryRunWhileACycleRunsIsRefusedAndRunsAfterIt() throws Exception {
        office.put("office", message("Delivered-To: alice@office.test\nFrom: x@outside.test\nMessage-ID: <lk@x>\n", "b\n"));
        try (Collector collector = new Collector(List.of(multiDrop("office", "office", "")), office.directory, office.router, office.intake,
                office.ledger, dir, java.time.Clock.systemUTC(), org.postroom.pop3.client.Pop3Timeouts.DEFAULT)) {
            var inCycle = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            // Listeners hear of a cycle while it still holds the account's lock: this one keeps the cycle "running".
            collector.onCycle(r -> {
                inCycle.countDown();
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread cycle = Thread.ofVirtual().start(() -> collector.runNow("office"));
            assertThat(inCycle.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> collector.dryRun("office"))
                    .isInstanceOf(Collector.CycleRunning.class).hasMessageContaining("cycle of account \"office\" is running");
            // The faces' one service: a conflict (409 on the API and the pages, CONFLICT on the CLI), naming the account.
            var service = new org.postroom.service.CollectorService(collector::fileAccounts, new StoredAccounts(office.db, dir), office.ledger, dir,
                    org.postroom.service.CollectorRuntime.of(collector), org.postroom.service.Audit.offline(dir, java.time.Clock.systemUTC()),
                    org.postroom.pop3.client.Pop3Timeouts.DEFAULT, java.time.Clock.systemUTC());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.dryRun("office"))
                    .isInstanceOfSatisfying(org.postroom.service.CollectorException.class,
                            e -> assertThat(e.kind()).isEqualTo(org.postroom.service.CollectorException.Kind.CONFLICT))
                    .hasMessageContaining("cycle of account \"office\" is running");

            release.countDown();
            cycle.join(java.time.Duration.ofSeconds(30));
            assertThat(collector.dryRun("office")).get().extracting(o -> o.report().error()).isEqualTo(java.util.Optional.empty());
            assertThat(collector.dryRun("nosuch")).isEmpty();
        }
    }
}
