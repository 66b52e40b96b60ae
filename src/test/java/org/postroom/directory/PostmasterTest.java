package org.postroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.directory.TestDirectories.a;
import static org.postroom.directory.TestDirectories.pw;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;

/** The postmaster, found in one place: the first local domain whose postmaster reaches somebody. */
class PostmasterTest {
    @TempDir
    Path dir;

    @Test
    void noDomainNoPostmaster() {
        assertThat(Postmaster.primary(TestDirectories.open(dir, AddressRules.DEFAULT))).isEmpty();
    }

    @Test
    void theFirstDomainWherePostmasterReachesSomebody() {
        Directory directory = TestDirectories.open(dir, AddressRules.DEFAULT);
        directory.addDomain("aaa.test"); // sorts first, has no postmaster
        directory.addDomain("office.test");
        assertThat(Postmaster.primary(directory)).contains(a("postmaster@aaa.test")); // nobody anywhere: the first domain's

        directory.addUser(a("postmaster@office.test"), "Postmaster", pw("pw"), false, 0);
        assertThat(Postmaster.primary(directory)).contains(a("postmaster@office.test"));

        directory.addUser(a("boss@aaa.test"), "Boss", pw("pw"), false, 0);
        directory.setCatchAll("aaa.test", java.util.Optional.of(a("boss@aaa.test")));
        assertThat(Postmaster.primary(directory)).contains(a("postmaster@aaa.test")); // reaches the catch-all
    }
}
