package org.postroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.directory.TestDirectories.a;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;

/** A directory written by an older Postroom opens in this one, its users and settings kept. */
class SchemaMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aVersionOneFileGetsThePop3OfficeOnlyFlagOffForEveryUser() throws Exception {
        Path file = dir.resolve(Database.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            // The version 1 tables as the first release made them.
            s.execute("CREATE TABLE domain (name TEXT PRIMARY KEY, catch_all_local TEXT, catch_all_domain TEXT)");
            s.execute("""
                    CREATE TABLE entry (id INTEGER PRIMARY KEY, local_part TEXT NOT NULL, local_key TEXT NOT NULL,
                        domain TEXT NOT NULL REFERENCES domain(name), kind TEXT NOT NULL, UNIQUE (local_key, domain))""");
            s.execute("""
                    CREATE TABLE mail_user (entry_id INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE,
                        display_name TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1,
                        internal_only INTEGER NOT NULL DEFAULT 0, quota_bytes INTEGER NOT NULL DEFAULT 0,
                        pop3_allowed INTEGER NOT NULL DEFAULT 1)""");
            s.execute("CREATE TABLE mail_group (entry_id INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE, local_senders_only INTEGER NOT NULL DEFAULT 0)");
            s.execute("""
                    CREATE TABLE target (entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE, local_part TEXT NOT NULL,
                        local_key TEXT NOT NULL, domain TEXT NOT NULL, UNIQUE (entry_id, local_key, domain))""");
            s.execute("INSERT INTO domain(name) VALUES ('example.com')");
            s.execute("INSERT INTO entry(id, local_part, local_key, domain, kind) VALUES (7, 'alice', 'alice', 'example.com', 'user')");
            s.execute("INSERT INTO mail_user(entry_id, display_name, password_hash, pop3_allowed) VALUES (7, 'Alice', 'x', 0)");
            s.execute("INSERT INTO entry(id, local_part, local_key, domain, kind) VALUES (8, 'Postmaster', 'postmaster', 'example.com', 'user')");
            s.execute("INSERT INTO mail_user(entry_id, display_name, password_hash) VALUES (8, 'Postmaster', 'x')");
            s.execute("PRAGMA user_version = 1");
        }

        try (Database db = Database.open(file)) {
            Directory directory = new Directory(db, new AddressRules("+", false), TestDirectories.FAST);
            User alice = directory.findUser(a("alice@example.com")).orElseThrow();
            assertThat(alice.pop3Allowed()).isFalse();
            assertThat(alice.pop3OfficeOnly()).isFalse();
            directory.setPop3OfficeOnly(alice.address(), true);
            assertThat(directory.findUser(alice.address()).orElseThrow().pop3OfficeOnly()).isTrue();
            // Version 6 (issue 11): IMAP allowed from anywhere for every existing user, as POP3 was
            assertThat(alice.imapAllowed()).isTrue();
            assertThat(alice.imapOfficeOnly()).isFalse();
            directory.setImapOfficeOnly(alice.address(), true);
            directory.setImapAllowed(alice.address(), false);
            User changed = directory.findUser(alice.address()).orElseThrow();
            assertThat(changed.imapOfficeOnly()).isTrue();
            assertThat(changed.imapAllowed()).isFalse();
            assertThat(changed.pop3OfficeOnly()).isTrue();
            // Version 7 (issue 13): the postmaster is an admin from the start, nobody else
            assertThat(changed.admin()).isFalse();
            assertThat(directory.findUser(a("postmaster@example.com")).orElseThrow().admin()).isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Schema.currentVersion()).isEqualTo(8);
        }
    }
}
