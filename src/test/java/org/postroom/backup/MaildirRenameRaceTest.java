package org.postroom.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.Maildir;

/**
 * The copy of a Maildir while another thread does what a server does to it all the time: moves messages from
 * {@code new/} to {@code cur/} and renames them for each flag change. Every message must be in the copy exactly
 * once, with its bytes, whatever name it had when it was copied.
 */
class MaildirRenameRaceTest {
    private static final int MESSAGES = 3000;

    @TempDir
    Path dir;

    @Test
    void everyMessageIsCopiedOnceWhileNamesChangeUnderneath() throws Exception {
        Path data = dir.resolve("data");
        Path maildir = data.resolve("mail/office.test/alice");
        for (String sub : new String[] {"cur", "new", "tmp"}) Files.createDirectories(maildir.resolve(sub));
        Map<String, String> bodies = new HashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            String unique = "1700000000.M" + i + "P1.host";
            String body = "Subject: message " + i + "\r\n\r\nbody " + i + "\r\n";
            bodies.put(unique, body);
            Files.writeString(maildir.resolve("new").resolve(unique + ",S=" + body.length()), body, StandardCharsets.UTF_8);
        }

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger renames = new AtomicInteger();
        Thread renamer = Thread.ofPlatform().start(() -> {
            Random random = new Random(1);
            List<String> uniques = List.copyOf(bodies.keySet());
            while (!stop.get()) {
                String unique = uniques.get(random.nextInt(uniques.size()));
                String size = ",S=" + bodies.get(unique).length();
                try {
                    Path inNew = maildir.resolve("new").resolve(unique + size);
                    if (Files.exists(inNew)) {
                        Files.move(inNew, maildir.resolve("cur").resolve(unique + size + ",U=" + (renames.get() + 1) + ":2,"));
                    } else {
                        try (var files = Files.newDirectoryStream(maildir.resolve("cur"), unique + ",*")) {
                            for (Path file : files) {
                                String name = file.getFileName().toString();
                                String flipped = name.endsWith("S") ? name.substring(0, name.length() - 1) : name + "S";
                                Files.move(file, file.resolveSibling(flipped));
                            }
                        }
                    }
                    renames.incrementAndGet();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        Staging staging = new Staging(dir.resolve("copy"));
        DataFolderCopy copy = new DataFolderCopy(data, staging);
        try {
            // wait until the renamer is busy, then copy while it goes on
            while (renames.get() < 500) Thread.onSpinWait();
            copy.pass();
        } finally {
            stop.set(true);
            renamer.join();
        }

        assertThat(renames.get()).as("renames during the copy").isGreaterThan(1000);
        Map<String, Integer> copies = new HashMap<>();
        for (Manifest.FileEntry file : staging.files()) {
            String name = file.path().substring(file.path().lastIndexOf('/') + 1);
            String unique = Maildir.uniqueName(name);
            copies.merge(unique, 1, Integer::sum);
            assertThat(Files.readString(staging.staged(file.path()), StandardCharsets.UTF_8)).isEqualTo(bodies.get(unique));
        }
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(bodies.keySet());
        assertThat(copies.values()).allMatch(n -> n == 1);
    }
}
