package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.CollectAccount;
import org.postroom.config.CollectTables;
import org.postroom.config.ConfigException;
import org.postroom.directory.Database;

/** Accounts kept in the database: the file's rules, the sealed password, and what happens when the key is lost. */
class StoredAccountsTest {
    @TempDir
    Path dir;

    private static ObjectNode settings(String json) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(json);
    }

    @Test
    void thePasswordIsSealedUnderTheKeyFileAndBoundToTheAccountsName() throws Exception {
        try (Database db = Database.open(dir.resolve("postroom.db"))) {
            StoredAccounts stored = new StoredAccounts(db, dir);
            ObjectNode s = settings("{\"host\":\"pop.example.com\",\"login\":\"office\",\"mode\":\"multi-drop\",\"interval\":\"10m\"}");
            assertThat(stored.insert("office", s, "s3cret pass", Instant.now())).isTrue();
            assertThat(stored.insert("office", s, "other", Instant.now())).isFalse();
            CollectAccount a = stored.accounts().getFirst();
            assertThat(a.password()).isEqualTo("s3cret pass");
            assertThat(a.server().port()).isEqualTo(995); // defaults as in the file
            assertThat(a.interval()).hasMinutes(10);
            assertThat(Files.getPosixFilePermissions(dir.resolve(PasswordSeal.KEY_FILE))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readAllBytes(dir.resolve(PasswordSeal.KEY_FILE))).hasSize(32);
            for (String f : new String[] {"postroom.db", "postroom.db-wal"}) {
                if (Files.exists(dir.resolve(f))) assertThat(Files.readString(dir.resolve(f), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
            }

            PasswordSeal seal = new PasswordSeal(dir);
            String sealed = seal.seal("office", "s3cret pass");
            assertThat(sealed).startsWith("v1:").isNotEqualTo(seal.seal("office", "s3cret pass")); // a fresh nonce each time
            assertThatThrownBy(() -> seal.open("other", sealed)).hasMessageContaining("does not open");

            // Another data folder's key (or a lost one): the account is listed with its problem and not collected.
            Files.delete(dir.resolve(PasswordSeal.KEY_FILE));
            assertThat(stored.accounts()).isEmpty();
            assertThat(stored.rows().getFirst().problem()).hasValueSatisfying(p -> assertThat(p).contains("secret.key is missing"));
            assertThat(stored.update("office", s, Optional.of("new"), Instant.now())).isTrue(); // setting it again makes a new key
            assertThat(stored.accounts().getFirst().password()).isEqualTo("new");
            assertThat(stored.delete("office")).isTrue();
            assertThat(stored.rows()).isEmpty();
        }
    }

    @Test
    void settingsFollowTheFilesRulesAndNameTheKey() throws Exception {
        assertThatThrownBy(() -> CollectTables.fromSettings("office", settings("{\"login\":\"x\"}"), ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("account \"office\"").hasMessageContaining("host");
        assertThatThrownBy(() -> CollectTables.fromSettings("office", settings("{\"host\":\"h\",\"login\":\"x\",\"colour\":1}"), ""))
                .hasMessageContaining("colour: unknown setting");
        assertThatThrownBy(() -> CollectTables.fromSettings("office", settings("{\"host\":\"h\",\"login\":\"x\",\"password\":\"p\"}"), ""))
                .hasMessageContaining("password");
        CollectAccount a = CollectTables.fromSettings("office", settings("{\"host\":\"h\",\"login\":\"x\",\"deliver_to\":\"a@b.test\",\"keep\":\"forever\","
                + "\"hours\":\"07:00-19:00\"}"), "p");
        // What the console shows of it reads back into the same account.
        assertThat(CollectTables.fromSettings("office", CollectTables.settingsOf(a), "p")).isEqualTo(a);
    }
}
