package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.store.MaildirStore;

/**
 * Issue 11's bar: kill -9 during APPEND, MOVE and EXPUNGE (and deliveries), then reopen. A child JVM
 * ({@link FolderCrashDriver}) works on INBOX and Archive and reports each operation once it returned; the test kills
 * it at a random moment, opens the folders in a fresh store and checks: every acknowledged message is there, once, in
 * the folder it was last put in; nothing acknowledged as expunged came back; no UID names two different messages,
 * ever; UIDVALIDITY never changes. Only the one operation in flight at the kill may have gone either way. Three rounds
 * on the same folders. Reproduce with {@code -Dpostroom.crash.seed=<seed printed>}.
 */
class FolderCrashTest {
    private static final int ROUNDS = 3;

    @TempDir
    Path root;

    private final Map<String, String> location = new HashMap<>(); // acknowledged: marker -> folder
    private final Set<String> gone = new HashSet<>();
    private final Map<String, String> uidOwner = new HashMap<>(); // "folder:uid" -> marker, over all rounds
    private final List<String> reuse = new ArrayList<>();

    private void own(String folder, long uid, String marker) {
        String previous = uidOwner.putIfAbsent(folder + ":" + uid, marker);
        if (previous != null && !previous.equals(marker)) reuse.add(folder + " UID " + uid + " was " + previous + ", now " + marker);
    }

    private void acknowledged(String line) {
        String[] p = line.split(" ");
        switch (p[0]) {
            case "A" -> {
                location.put(p[2], "INBOX");
                own("INBOX", Long.parseLong(p[1]), p[2]);
            }
            case "D" -> location.put(p[1], "INBOX");
            case "U" -> own(p[1], Long.parseLong(p[2]), p[3]);
            case "M" -> {
                location.put(p[1], "Archive");
                own("Archive", Long.parseLong(p[2]), p[1]);
            }
            case "E" -> {
                location.remove(p[1]);
                gone.add(p[1]);
            }
            default -> { }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void acknowledgedFolderChangesSurviveKillNineAndNoUidIsReused() throws Exception {
        long seed = Long.getLong("postroom.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("FolderCrashTest seed " + seed);
        Path data = root.resolve("mail");
        Map<String, Long> validity = new HashMap<>();
        int totalAcknowledged = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> lines = runAndKill(data, round * 1_000_000L, random.nextLong(), 300 + random.nextInt(1500));
            for (String line : lines) acknowledged(line);
            totalAcknowledged += lines.size();

            MaildirStore fresh = new MaildirStore(data, "check.test");
            Map<String, String> found = new HashMap<>();
            List<String> duplicates = new ArrayList<>();
            for (String folderName : List.of("INBOX", "Archive")) {
                Folder folder = fresh.folders(FolderCrashDriver.USER).open(folderName);
                FolderSnapshot snapshot = folder.snapshot();
                validity.putIfAbsent(folderName, snapshot.uidValidity());
                assertThat(snapshot.uidValidity()).as("UIDVALIDITY of " + folderName + " after round " + round).isEqualTo(validity.get(folderName));
                for (MessageInfo m : snapshot.messages()) {
                    String marker = FolderCrashDriver.markerOf(folder, m);
                    own(folderName, m.uid(), marker);
                    if (found.put(marker, folderName) != null) duplicates.add(marker);
                    assertThat(m.uid()).isLessThan(snapshot.uidNext());
                }
                // Reopened again: the same UIDs (they are in the names, not in memory).
                FolderSnapshot again = new MaildirStore(data, "again.test").folders(FolderCrashDriver.USER).open(folderName).snapshot();
                assertThat(again.messages()).extracting(MessageInfo::uid).isEqualTo(snapshot.messages().stream().map(MessageInfo::uid).toList());
            }
            List<String> differences = new ArrayList<>();
            for (var e : location.entrySet()) {
                if (!e.getValue().equals(found.get(e.getKey()))) differences.add(e.getKey() + " acknowledged in " + e.getValue() + ", found in " + found.get(e.getKey()));
            }
            for (String marker : gone) if (found.containsKey(marker)) differences.add(marker + " expunged, found in " + found.get(marker));
            for (String marker : found.keySet()) {
                if (!location.containsKey(marker) && !gone.contains(marker)) differences.add(marker + " never acknowledged, found in " + found.get(marker));
            }
            System.out.println("round " + round + ": " + lines.size() + " lines, " + found.size() + " messages, in flight at the kill: " + differences);
            assertThat(reuse).as("UIDs naming two messages").isEmpty();
            assertThat(duplicates).as("messages in two places").isEmpty();
            assertThat(differences).as("only the operation in flight may differ").hasSizeLessThanOrEqualTo(1);
            // The files are the truth for the next round.
            location.clear();
            location.putAll(found);
            gone.removeAll(found.keySet());
            // Expunge each folder's newest message before the next start: its UID is the one a store that trusted
            // only the file names would hand out again.
            for (String folderName : List.of("INBOX", "Archive")) {
                Folder folder = fresh.folders(FolderCrashDriver.USER).open(folderName);
                List<MessageInfo> messages = folder.snapshot().messages();
                if (messages.isEmpty()) continue;
                MessageInfo newest = messages.getLast();
                String marker = FolderCrashDriver.markerOf(folder, newest);
                folder.expunge(List.of(newest.uid()));
                location.remove(marker);
                gone.add(marker);
            }
        }
        assertThat(totalAcknowledged).as("the driver did work before each kill").isGreaterThan(ROUNDS * 10);
    }

    private static List<String> runAndKill(Path data, long firstMarker, long seed, int millis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                FolderCrashDriver.class.getName(), data.toString(), Long.toString(firstMarker), Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                StringBuilder line = new StringBuilder();
                for (int c; (c = in.read()) >= 0; ) {
                    if (c != '\n') {
                        line.append((char) c);
                        continue;
                    }
                    if (line.toString().equals("READY")) ready.countDown();
                    else synchronized (lines) {
                        lines.add(line.toString());
                    }
                    line.setLength(0);
                } // a line cut by the kill has no newline: not acknowledged
            } catch (Exception e) {
                // killed
            }
        });
        assertThat(ready.await(60, TimeUnit.SECONDS)).as("the driver started").isTrue();
        Thread.sleep(millis);
        child.destroyForcibly(); // SIGKILL
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
