package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;
import org.postroom.config.CollectAccount;
import org.postroom.config.DeliverySettings;
import org.postroom.directory.Directory;
import org.postroom.directory.PasswordHasher;
import org.postroom.message.MailAddress;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.router.Router;
import org.slf4j.LoggerFactory;

/**
 * Issue 10 item 3: collected mail goes through the router, with the collector's own sender (an outsider from the
 * provider), and is refused where SMTP would refuse it; a refusal sends it to the unresolved destination with the
 * router's reason. Also item 4 (internal-only users get nothing from outside), the seed's rule (collected mail is
 * never relayed, whatever {@code unknown_local}) and item 6 (collector lines carry the delivery id). GreenMail is
 * the provider.
 */
class CollectRoutingTest {
    @TempDir
    Path dir;
    Office office;

    @BeforeEach
    void setUp() {
        office = new Office(dir).provider(ServerSetupTest.POP3, "office");
    }

    @AfterEach
    void tearDown() {
        office.close();
    }

    private CollectAccount multiDrop() {
        return office.account("office", "office", "mode = \"multi-drop\"\ndomain_mailbox = \"office@provider.test\"\n");
    }

    private void put(String to, String id) throws Exception {
        office.put("office", CollectorTest.message("Delivered-To: " + to + "\nFrom: x@outside.test\nTo: " + to + "\nMessage-ID: <" + id + ">\n"
                + "Subject: " + id + "\n", "body of " + id + "\n"));
    }

    @Test
    void aListForLocalSendersOnlyIsRefusedAsOverSmtpAndGoesToThePostmaster() throws Exception {
        MailAddress staff = Office.a("staff@office.test");
        office.directory.addGroup(staff, true, List.of(Office.a("alice@office.test"), Office.a("bob@office.test")));
        put("staff@office.test", "list@x");

        CycleReport report = office.collect(multiDrop());

        assertThat(report.error()).isEmpty();
        assertThat(office.mailbox("alice")).isEmpty();
        assertThat(office.mailbox("bob")).isEmpty();
        assertThat(office.mailbox("postmaster")).hasSize(1).first().asString()
                .contains("X-Postroom-Unresolved: the list takes mail only from senders inside the office: [staff@office.test]");
        assertThat(office.atProvider("office")).isZero();
    }

    @Test
    void aDisabledUserIsCalledDisabledNotUnknown() throws Exception {
        office.directory.setEnabled(Office.a("carol@office.test"), false);
        put("carol@office.test", "dis@x");

        office.collect(multiDrop());

        assertThat(office.mailbox("postmaster")).hasSize(1).first().asString()
                .contains("X-Postroom-Unresolved: mailbox disabled: [carol@office.test]").doesNotContain("unknown");
    }

    @Test
    void aFullMailboxIsRefusedWithPermanentQuota() throws Exception {
        office.directory.setQuota(Office.a("carol@office.test"), 100);
        CollectAccount account = multiDrop();
        Router permanent = new Router(office.directory, office.store, DeliverySettings.QuotaMode.PERMANENT);
        put("carol@office.test", "full1@x");

        new AccountCollector(account, office.directory, permanent, office.intake, office.ledger, dir, Clock.systemUTC(), Pop3Timeouts.DEFAULT)
                .run(AccountCollector.Run.COLLECT);

        assertThat(office.mailbox("carol")).isEmpty();
        assertThat(office.mailbox("postmaster")).hasSize(1).first().asString()
                .contains("X-Postroom-Unresolved: mailbox full: [carol@office.test]");
        assertThat(office.atProvider("office")).isZero();
    }

    @Test
    void aFullMailboxWithTemporaryQuotaLeavesTheMessageAtTheProviderUntilThereIsRoom() throws Exception {
        MailAddress carol = Office.a("carol@office.test");
        office.directory.setQuota(carol, 100);
        put("carol@office.test", "full2@x");
        put("alice@office.test", "fine@x");
        CollectAccount account = multiDrop();

        CycleReport first = office.collect(account);

        assertThat(first.error()).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1);
        assertThat(office.mailbox("carol")).isEmpty();
        assertThat(office.mailbox("postmaster")).isEmpty();
        assertThat(office.atProvider("office")).isEqualTo(1);

        office.directory.setQuota(carol, 0);
        office.collect(account);
        assertThat(office.mailbox("carol")).hasSize(1);
        assertThat(office.atProvider("office")).isZero();
    }

    @Test
    void anInternalOnlyUserGetsNoCollectedMail() throws Exception {
        office.directory.setInternalOnly(Office.a("bob@office.test"), true);
        put("bob@office.test", "io@x");
        office.put("office", CollectorTest.message("From: x@outside.test\nTo: team@office.test\nMessage-ID: <team@x>\n", "to the team\n"));

        office.collect(multiDrop());

        assertThat(office.mailbox("bob")).isEmpty();
        assertThat(office.mailbox("alice")).hasSize(1).first().asString().contains("to the team"); // the alias's other member
        assertThat(office.mailbox("postmaster")).hasSize(1).first().asString()
                .contains("X-Postroom-Unresolved: the recipient takes mail only from inside the office: [bob@office.test]");
    }

    @Test
    void collectedMailForAnUnknownLocalAddressStaysUnresolvedEvenWithUnknownLocalRelay() throws Exception {
        Directory relaying = new Directory(office.db, new AddressRules("+", false, AddressRules.UnknownLocal.RELAY),
                new PasswordHasher(new PasswordHasher.Params(8, 1, 1)));
        Router router = new Router(relaying, office.store, DeliverySettings.QuotaMode.TEMPORARY, true);
        put("gina@office.test", "gina@x");

        new AccountCollector(multiDrop(), relaying, router, office.intake, office.ledger, dir, Clock.systemUTC(), Pop3Timeouts.DEFAULT)
                .run(AccountCollector.Run.COLLECT);

        assertThat(office.mailbox("postmaster")).hasSize(1).first().asString()
                .contains("X-Postroom-Unresolved: unknown local recipient(s) [gina@office.test]");
        assertThat(dir.resolve("queue")).doesNotExist();
    }

    @Test
    void anAliasThatAlsoForwardsOutsideGivesCollectedMailOnlyToItsLocalMembers() throws Exception {
        office.directory.addAlias(Office.a("mixed@office.test"), List.of(Office.a("alice@office.test"), Office.a("friend@far.test")));
        office.directory.addAlias(Office.a("away@office.test"), List.of(Office.a("friend@far.test")));
        Router outbound = new Router(office.directory, office.store, DeliverySettings.QuotaMode.TEMPORARY, true); // a smarthost is set
        put("mixed@office.test", "mixed@x");
        put("away@office.test", "away@x");

        new AccountCollector(multiDrop(), office.directory, outbound, office.intake, office.ledger, dir, Clock.systemUTC(), Pop3Timeouts.DEFAULT)
                .run(AccountCollector.Run.COLLECT);

        assertThat(office.mailbox("alice")).hasSize(1).first().asString().contains("body of mixed@x");
        assertThat(office.mailbox("postmaster")).hasSize(1).first().asString()
                .contains("X-Postroom-Unresolved: forwards only outside the office, and collected mail is never relayed: [away@office.test]");
        assertThat(dir.resolve("queue")).doesNotExist();
    }

    @Test
    void collectorLinesCarryTheDeliveryIdAndRefusalsAreLogged() throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger collectLog = (Logger) LoggerFactory.getLogger("postroom.collect");
        collectLog.addAppender(appender);
        try {
            office.directory.setEnabled(Office.a("carol@office.test"), false);
            put("alice@office.test", "logged@x");
            put("carol@office.test", "refused@x");

            office.collect(multiDrop());
        } finally {
            collectLog.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(l -> l.matches("account=office uidl=\\S+ id=\\S+ rule=\"envelope header Delivered-To\" delivered=\\[alice@office.test]"));
        assertThat(lines).anyMatch(l -> l.matches("account=office uidl=\\S+ to=<carol@office.test> refused: mailbox disabled"));
        assertThat(lines).anyMatch(l -> l.matches("account=office uidl=\\S+ id=\\S+ unresolved, to postmaster@office.test: mailbox disabled.*"));
    }
}
