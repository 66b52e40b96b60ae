package org.postroom.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.postroom.directory.Database;

/** The checks of a running Postroom's readiness: its doors, its database, its disk. */
public final class ReadinessChecks {
    private ReadinessChecks() {}

    /** Every door opened at start still accepts connections; {@code closed} names those that do not. */
    public static Readiness.Check doors(Supplier<List<String>> closed) {
        return new Readiness.Check("doors", () -> {
            List<String> down = closed.get();
            return down.isEmpty() ? Optional.empty() : Optional.of("not listening: " + String.join(", ", down));
        });
    }

    /**
     * The database takes a write transaction ({@code BEGIN IMMEDIATE}, then {@code COMMIT}): it is open, its file
     * writable, and no other writer has held its lock past the busy timeout.
     */
    public static Readiness.Check database(Database database) {
        return new Readiness.Check("database", () -> {
            try {
                database.write(c -> null);
                return Optional.empty();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return Optional.of("not writable (" + cause.getMessage() + ")");
            }
        });
    }

    /** The data folder's file system has at least {@code reserve} bytes free for this process. */
    public static Readiness.Check disk(Path dataDir, long reserve) {
        return new Readiness.Check("disk", () -> {
            long free;
            try {
                free = Files.getFileStore(dataDir).getUsableSpace();
            } catch (IOException e) {
                return Optional.of("cannot read the free space of the data folder (" + e.getClass().getSimpleName() + ")");
            }
            if (free >= reserve) return Optional.empty();
            return Optional.of(mib(free) + " free, below the reserve of " + mib(reserve) + " ([web] disk_reserve)");
        });
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
