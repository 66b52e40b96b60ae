package org.postroom.directory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The directory's tables, and the steps that bring an older file up to date. {@code PRAGMA user_version} counts the
 * steps applied; a step is never edited once released, only followed by a new one.
 *
 * <p>Users, aliases and groups share one {@code entry} table so that the database itself guarantees an address has
 * one role. {@code local_key} is the local part in lower case (Java's, which knows Unicode; SQLite's {@code lower()}
 * knows only ASCII): an address is unique case-insensitively whatever the matching rules, so switching
 * {@code caseSensitiveLocalParts} on later can never make two entries collide.
 */
final class Schema {

    private static final List<String> VERSION_1 = List.of(
            """
            CREATE TABLE domain (
                name             TEXT PRIMARY KEY,
                catch_all_local  TEXT,
                catch_all_domain TEXT,
                CHECK ((catch_all_local IS NULL) = (catch_all_domain IS NULL))
            )""",
            """
            CREATE TABLE entry (
                id         INTEGER PRIMARY KEY,
                local_part TEXT NOT NULL,
                local_key  TEXT NOT NULL,
                domain     TEXT NOT NULL REFERENCES domain(name),
                kind       TEXT NOT NULL CHECK (kind IN ('user', 'alias', 'group')),
                UNIQUE (local_key, domain)
            )""",
            """
            CREATE TABLE mail_user (
                entry_id      INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE,
                display_name  TEXT NOT NULL DEFAULT '',
                password_hash TEXT NOT NULL,
                enabled       INTEGER NOT NULL DEFAULT 1,
                internal_only INTEGER NOT NULL DEFAULT 0,
                quota_bytes   INTEGER NOT NULL DEFAULT 0 CHECK (quota_bytes >= 0),
                pop3_allowed  INTEGER NOT NULL DEFAULT 1
            )""",
            """
            CREATE TABLE mail_group (
                entry_id           INTEGER PRIMARY KEY REFERENCES entry(id) ON DELETE CASCADE,
                local_senders_only INTEGER NOT NULL DEFAULT 0
            )""",
            // Alias targets and group members alike; rowid keeps the order they were added in.
            """
            CREATE TABLE target (
                entry_id   INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
                local_part TEXT NOT NULL,
                local_key  TEXT NOT NULL,
                domain     TEXT NOT NULL,
                UNIQUE (entry_id, local_key, domain)
            )""",
            "CREATE INDEX target_by_address ON target(local_key, domain)",
            "CREATE INDEX entry_by_local_key ON entry(local_key)");

    /** POP3 access limited to the office networks ({@code [pop3] office_networks}), per user. */
    private static final List<String> VERSION_2 = List.of(
            "ALTER TABLE mail_user ADD COLUMN pop3_office_only INTEGER NOT NULL DEFAULT 0");

    /**
     * The collector's memory: which provider messages (account + UIDL) are safely stored, which local users already
     * have a message (Message-ID, or a digest when it has none), and each account's last cycle.
     */
    private static final List<String> VERSION_3 = List.of(
            """
            CREATE TABLE collect_seen (
                account    TEXT NOT NULL,
                uidl       TEXT NOT NULL,
                stored_at  INTEGER NOT NULL,
                PRIMARY KEY (account, uidl)
            )""",
            """
            CREATE TABLE collect_delivered (
                message_key TEXT NOT NULL,
                recipient   TEXT NOT NULL,
                delivered_at INTEGER NOT NULL,
                PRIMARY KEY (message_key, recipient)
            )""",
            """
            CREATE TABLE collect_status (
                account     TEXT PRIMARY KEY,
                started_at  INTEGER NOT NULL,
                finished_at INTEGER NOT NULL,
                messages    INTEGER NOT NULL,
                delivered   INTEGER NOT NULL,
                unresolved  INTEGER NOT NULL,
                duplicates  INTEGER NOT NULL,
                error       TEXT,
                next_at     INTEGER
            )""");

    /**
     * Collected messages promised to mailboxes but perhaps not yet linked there: the synced tmp/ file and where it
     * goes, recorded in the same transaction as the message itself (see CollectLedger).
     */
    private static final List<String> VERSION_4 = List.of(
            """
            CREATE TABLE collect_pending (
                tmp_file     TEXT PRIMARY KEY,
                account      TEXT NOT NULL,
                destinations TEXT NOT NULL
            )""");

    /**
     * Failed logins, per client address and login (LoginFailures): kept here, not in the server's memory, so that
     * {@code postroom auth locked|unlock} see and change them while the server runs.
     */
    private static final List<String> VERSION_5 = List.of(
            """
            CREATE TABLE auth_failure (
                address  TEXT NOT NULL,
                login    TEXT NOT NULL,
                office   INTEGER NOT NULL,
                failures INTEGER NOT NULL,
                last_at  INTEGER NOT NULL,
                PRIMARY KEY (address, login)
            )""",
            "CREATE INDEX auth_failure_by_login ON auth_failure(login)");

    /** IMAP access per user, like POP3's: allowed, or only from the office networks (issue 11). */
    private static final List<String> VERSION_6 = List.of(
            "ALTER TABLE mail_user ADD COLUMN imap_allowed INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE mail_user ADD COLUMN imap_office_only INTEGER NOT NULL DEFAULT 0");

    /**
     * The console (issue 13): the admin role per user, held from the start by every postmaster; and the API tokens,
     * each stored as the SHA-256 of the token (ApiTokens says why a plain hash is right for a random secret).
     */
    private static final List<String> VERSION_7 = List.of(
            "ALTER TABLE mail_user ADD COLUMN admin INTEGER NOT NULL DEFAULT 0",
            "UPDATE mail_user SET admin = 1 WHERE entry_id IN (SELECT id FROM entry WHERE local_key = 'postmaster' AND kind = 'user')",
            """
            CREATE TABLE api_token (
                id         INTEGER PRIMARY KEY,
                user_id    INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
                name       TEXT NOT NULL,
                hash       TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                last_used  INTEGER
            )""");

    /**
     * Collect accounts added from the console, the API or the CLI (issue 13; those in postroom.toml stay there): the
     * keys of a {@code [[collect.account]]} table as JSON, but the name and the password, which is sealed
     * (collect.PasswordSeal); and each account's recent cycles, not only the last.
     */
    private static final List<String> VERSION_8 = List.of(
            """
            CREATE TABLE collect_account (
                name       TEXT PRIMARY KEY,
                settings   TEXT NOT NULL,
                password   TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            )""",
            """
            CREATE TABLE collect_cycle (
                id          INTEGER PRIMARY KEY,
                account     TEXT NOT NULL,
                started_at  INTEGER NOT NULL,
                finished_at INTEGER NOT NULL,
                messages    INTEGER NOT NULL,
                delivered   INTEGER NOT NULL,
                unresolved  INTEGER NOT NULL,
                duplicates  INTEGER NOT NULL,
                error       TEXT
            )""",
            "CREATE INDEX collect_cycle_by_account ON collect_cycle(account, id)");

    /** Each step takes the file from version {@code index} to {@code index + 1}. */
    private static final List<List<String>> STEPS = List.of(VERSION_1, VERSION_2, VERSION_3, VERSION_4, VERSION_5, VERSION_6, VERSION_7,
            VERSION_8);

    private Schema() {}

    static int currentVersion() {
        return STEPS.size();
    }

    /** Runs inside a write transaction, so two processes opening a new file at once migrate it once. */
    static Void migrate(Connection connection) throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > STEPS.size()) {
            throw new DatabaseException("the database has schema version " + version
                    + " but this Postroom knows only up to " + STEPS.size() + "; it was written by a newer Postroom");
        }
        try (Statement s = connection.createStatement()) {
            for (int step = version; step < STEPS.size(); step++) {
                for (String sql : STEPS.get(step)) s.execute(sql);
            }
            if (version < STEPS.size()) s.execute("PRAGMA user_version = " + STEPS.size());
        }
        return null;
    }
}
