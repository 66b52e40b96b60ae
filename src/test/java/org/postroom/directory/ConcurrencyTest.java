package org.postroom.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postroom.directory.TestDirectories.a;
import static org.postroom.directory.TestDirectories.pw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;

/** Two Directory instances on one file stand for the server and the CLI: separate connections, as two processes have. */
class ConcurrencyTest {

    @TempDir
    Path folder;

    @Test
    void oneWritesWhileTheOtherResolvesFromManyThreads() throws Exception {
        Directory server = TestDirectories.open(folder, AddressRules.DEFAULT);
        Directory cli = TestDirectories.open(folder, AddressRules.DEFAULT);
        cli.addDomain("example.com");
        User alice = cli.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        cli.addGroup(a("all@example.com"), false);
        cli.addMember(a("all@example.com"), a("alice@example.com"));

        int writes = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> writer = threads.submit(() -> {
                try {
                    for (int i = 0; i < writes; i++) {
                        cli.addUser(a("user" + i + "@example.com"), "", pw("pw"), false, 0);
                        cli.addMember(a("all@example.com"), a("user" + i + "@example.com"));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 16; r++) {
                readers.add(threads.submit(() -> {
                    int previous = 1;
                    int reads = 0;
                    while (writing.get() || reads < 10) {
                        Resolution.Deliver d = (Resolution.Deliver) server.resolve(a("all@example.com"));
                        // A group only grows here, so no reader may see it shrink: every read is one consistent snapshot.
                        assertThat(d.users()).contains(alice).hasSizeGreaterThanOrEqualTo(previous);
                        previous = d.users().size();
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get();
            for (Future<Integer> reader : readers) assertThat(reader.get()).isPositive();
        }
        Resolution.Deliver end = (Resolution.Deliver) server.resolve(a("all@example.com"));
        assertThat(end.users()).hasSize(writes + 1);
    }

    @Test
    void twoWritersOnOneFileBothSucceed() throws Exception {
        Directory first = TestDirectories.open(folder, AddressRules.DEFAULT);
        Directory second = TestDirectories.open(folder, AddressRules.DEFAULT);
        first.addDomain("example.com");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (Directory d : List.of(first, second)) {
                String prefix = d == first ? "f" : "s";
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 30; i++) d.addGroup(a(prefix + i + "@example.com"), false);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
        assertThat(first.groups()).hasSize(60);
    }

    @Test
    void resolvingIsAPointQuery() {
        Directory dir = TestDirectories.open(folder, AddressRules.DEFAULT);
        dir.addDomain("example.com");
        dir.addUser(a("alice@example.com"), "", pw("pw"), false, 0);
        for (int i = 0; i < 2_000; i++) dir.resolve(a("alice+" + i + "@example.com")); // warm up
        int n = 5_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) dir.resolve(a("alice@example.com"));
        double micros = (System.nanoTime() - start) / 1_000.0 / n;
        // Aim: well under a millisecond. The bound is loose for slow CI machines but catches, say, a connection per call.
        assertThat(micros).as("microseconds per resolve").isLessThan(1_000);
    }

    @Test
    void theCliOpenRefusesToCreateADatabase() {
        Path missing = folder.resolve("nothing-here").resolve(Database.FILE_NAME);
        assertThatThrownBy(() -> Database.openExisting(missing)).isInstanceOf(DatabaseException.class).hasMessageContaining("no database");
        assertThat(Files.exists(missing)).isFalse();
        assertThat(Files.exists(missing.getParent())).isFalse();
    }

    @Test
    void aDatabaseFromANewerPostroomIsRefused() throws Exception {
        Path file = folder.resolve(Database.FILE_NAME);
        Database.open(file).close();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.currentVersion() + 1));
        }
        assertThatThrownBy(() -> Database.openExisting(file)).isInstanceOf(DatabaseException.class).hasMessageContaining("newer Postroom");
    }
}
