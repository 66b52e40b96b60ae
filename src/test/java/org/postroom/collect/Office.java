package org.postroom.collect;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postroom.config.CollectAccount;
import org.postroom.config.ConfigLoader;
import org.postroom.config.DeliverySettings;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.directory.PasswordHasher;
import org.postroom.intake.Intake;
import org.postroom.message.MailAddress;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.router.Router;
import org.postroom.store.MaildirStore;
import org.postroom.store.StoredMessage;

/**
 * A small office for collector tests: a directory (office.test with alice, bob, carol, postmaster, an alias
 * team = alice + bob), Maildirs, the intake, the collector's ledger, and GreenMail as the provider's POP3 server.
 */
final class Office implements AutoCloseable {
    static final String DOMAIN = "office.test";
    final Path dir;
    final Database db;
    final Directory directory;
    final MaildirStore store;
    final Intake intake;
    final Router router;
    final CollectLedger ledger;
    GreenMail provider;

    Office(Path dir) {
        this.dir = dir;
        this.db = Database.open(dir.resolve(Database.FILE_NAME));
        this.directory = new Directory(db, org.postroom.config.AddressRules.DEFAULT, new PasswordHasher(new PasswordHasher.Params(8, 1, 1)));
        directory.addDomain(DOMAIN);
        for (String u : List.of("alice", "bob", "carol", "postmaster")) {
            directory.addUser(a(u + "@" + DOMAIN), u, "pw".toCharArray(), false, 0);
        }
        directory.addAlias(a("team@" + DOMAIN), List.of(a("alice@" + DOMAIN), a("bob@" + DOMAIN)));
        this.store = new MaildirStore(dir.resolve("mail"), "postroom.test");
        this.intake = new Intake(store, "postroom.test", 50, Clock.systemUTC());
        this.router = new Router(directory, store, DeliverySettings.QuotaMode.TEMPORARY);
        this.ledger = new CollectLedger(db);
    }

    static MailAddress a(String text) {
        return MailAddress.parse(text);
    }

    /** Starts GreenMail's POP3 on a free port with the provider mailboxes {@code logins} (password "secret"). */
    Office provider(ServerSetup setup, String... logins) {
        provider = new GreenMail(setup.dynamicPort());
        provider.start();
        for (String login : logins) provider.setUser(login + "@provider.test", login, "secret");
        return this;
    }

    int providerPort() {
        return provider.getPop3() != null ? provider.getPop3().getPort() : provider.getPop3s().getPort();
    }

    /** Puts a raw message into a provider mailbox, as the provider's server stored it. */
    void put(String login, String raw) throws Exception {
        GreenMailUser user = provider.getUserManager().getUser(login);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        user.deliver(m);
    }

    int atProvider(String login) throws Exception {
        GreenMailUser user = provider.getUserManager().getUser(login);
        return provider.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    }

    /** An account over plain POP3 to GreenMail, with extra TOML lines. */
    CollectAccount account(String name, String login, String extra) {
        String toml = "[[collect.account]]\nname = \"" + name + "\"\nhost = \"127.0.0.1\"\nport = " + providerPort()
                + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"" + login + "\"\npassword = \"secret\"\n" + extra + "\n";
        PostroomConfig config = ConfigLoader.parse(dir, dir.resolve("postroom.toml"), toml);
        return config.collect().getFirst();
    }

    AccountCollector collector(CollectAccount account) {
        return new AccountCollector(account, directory, router, intake, ledger, dir, Clock.systemUTC(), Pop3Timeouts.DEFAULT);
    }

    CycleReport collect(CollectAccount account) {
        return collector(account).run(AccountCollector.Run.COLLECT).report();
    }

    /** A cycle with the client's deadlines given (small ones, for a provider that drips). */
    CycleReport collect(CollectAccount account, Pop3Timeouts timeouts) {
        return new AccountCollector(account, directory, router, intake, ledger, dir, Clock.systemUTC(), timeouts).run(AccountCollector.Run.COLLECT).report();
    }

    CycleReport collect(CollectAccount account, Clock clock) {
        return new AccountCollector(account, directory, router, intake, ledger, dir, clock, Pop3Timeouts.DEFAULT).run(AccountCollector.Run.COLLECT).report();
    }

    /** The messages in a local user's mailbox, as text. */
    List<String> mailbox(String localPart) throws IOException {
        var maildir = store.maildir(a(localPart + "@" + DOMAIN));
        List<String> out = new ArrayList<>();
        for (StoredMessage m : maildir.messages()) {
            try (InputStream in = maildir.open(m)) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    List<Path> held(String account) throws IOException {
        Path d = AccountCollector.heldDir(dir, account);
        if (!Files.isDirectory(d)) return List.of();
        try (var files = Files.list(d)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Override
    public void close() {
        if (provider != null) provider.stop();
        db.close();
    }
}
