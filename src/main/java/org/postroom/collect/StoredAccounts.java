package org.postroom.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.config.CollectAccount;
import org.postroom.config.CollectTables;
import org.postroom.config.ConfigException;
import org.postroom.directory.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collect accounts kept in the database ({@code collect_account}), added and changed from the console, the API or
 * the CLI while Postroom runs. A row holds the keys of a {@code [[collect.account]]} table as JSON (what the
 * administrator wrote, defaults left out) and the sealed password ({@link PasswordSeal}); it is checked by the same
 * rules as the file ({@link CollectTables#fromSettings}) when written and again when read.
 */
public final class StoredAccounts {
    private static final Logger log = LoggerFactory.getLogger("postroom.collect");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final PasswordSeal seal;

    public StoredAccounts(Database db, Path dataDir) {
        this.db = db;
        this.seal = new PasswordSeal(dataDir);
    }

    /**
     * One row: its settings as written, whether it has a password, and the account it makes, or why it makes none
     * (the key file is missing, or a rule changed since it was written).
     */
    public record Row(String name, ObjectNode settings, boolean hasPassword, Instant created, Instant updated, Optional<CollectAccount> account,
            Optional<String> problem) {}

    public List<Row> rows() {
        record Raw(String name, String settings, String password, long created, long updated) {}
        List<Raw> raw = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT name, settings, password, created_at, updated_at FROM collect_account ORDER BY name");
                    ResultSet rs = s.executeQuery()) {
                List<Raw> out = new ArrayList<>();
                while (rs.next()) out.add(new Raw(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
                return out;
            }
        });
        List<Row> rows = new ArrayList<>();
        for (Raw r : raw) {
            ObjectNode settings;
            try {
                settings = (ObjectNode) JSON.readTree(r.settings());
            } catch (JsonProcessingException | ClassCastException e) {
                rows.add(new Row(r.name(), JSON.createObjectNode(), !r.password().isEmpty(), Instant.ofEpochMilli(r.created()),
                        Instant.ofEpochMilli(r.updated()), Optional.empty(), Optional.of("its stored settings are damaged")));
                continue;
            }
            Optional<CollectAccount> account = Optional.empty();
            Optional<String> problem = Optional.empty();
            try {
                account = Optional.of(CollectTables.fromSettings(r.name(), settings, seal.open(r.name(), r.password())));
            } catch (ConfigException | IllegalStateException e) {
                problem = Optional.of(e.getMessage());
            }
            rows.add(new Row(r.name(), settings, !r.password().isEmpty(), Instant.ofEpochMilli(r.created()), Instant.ofEpochMilli(r.updated()),
                    account, problem));
        }
        return rows;
    }

    public Optional<Row> row(String name) {
        return rows().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The accounts the collector runs: every row that makes one (the others are logged, and shown with their problem). */
    public List<CollectAccount> accounts() {
        List<CollectAccount> out = new ArrayList<>();
        for (Row r : rows()) {
            if (r.account().isPresent()) out.add(r.account().get());
            else log.warn("account={} (kept in the database) is not collected: {}", r.name(), r.problem().orElse("?"));
        }
        return out;
    }

    /** Adds an account; false when one of that name is there already. {@code settings} must have been checked. */
    public boolean insert(String name, ObjectNode settings, String password, Instant now) {
        String sealed = seal.seal(name, password);
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO collect_account (name, settings, password, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, settings.toString());
                s.setString(3, sealed);
                s.setLong(4, now.toEpochMilli());
                s.setLong(5, now.toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Replaces an account's settings, and its password when one is given; false when there is no such account. */
    public boolean update(String name, ObjectNode settings, Optional<String> password, Instant now) {
        Optional<String> sealed = password.map(p -> seal.seal(name, p));
        return db.write(c -> {
            String sql = sealed.isPresent() ? "UPDATE collect_account SET settings = ?, updated_at = ?, password = ? WHERE name = ?"
                    : "UPDATE collect_account SET settings = ?, updated_at = ? WHERE name = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setString(i++, settings.toString());
                s.setLong(i++, now.toEpochMilli());
                if (sealed.isPresent()) s.setString(i++, sealed.get());
                s.setString(i, name);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Removes an account (what it collected stays remembered, so that adding it again downloads nothing twice). */
    public boolean delete(String name) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM collect_account WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() == 1;
            }
        });
    }
}
