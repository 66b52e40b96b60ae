package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;
import org.postroom.store.MaildirStore;

/** The basic path IMAP takes: open INBOX, UIDs for delivered mail, read, flag, expunge, append; real files. */
class FolderBasicsTest {
    @TempDir
    Path dir;

    static final MailAddress ALICE = new MailAddress("alice", "office.test");

    static byte[] message(String subject) {
        return ("Subject: " + subject + "\r\n\r\nbody of " + subject + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static void deliver(MaildirStore store, String subject) throws Exception {
        store.deliver(List.of(ALICE), out -> out.write(message(subject)));
    }

    static List<String> curNames(Path maildir) throws Exception {
        try (Stream<Path> files = Files.list(maildir.resolve("cur"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    static String read(Folder folder, MessageInfo m) throws Exception {
        try (InputStream in = folder.open(m)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void deliveredMailGetsUidsInDeliveryOrderInItsFileNames() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        deliver(store, "two");
        Folder inbox = store.folders(ALICE).open("inbox");
        FolderSnapshot snapshot = inbox.snapshot();

        assertThat(inbox.name()).isEqualTo("INBOX");
        assertThat(snapshot.messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L);
        assertThat(snapshot.uidNext()).isEqualTo(3);
        assertThat(snapshot.uidValidity()).isPositive();
        assertThat(read(inbox, snapshot.messages().get(0))).contains("Subject: one");
        assertThat(read(inbox, snapshot.messages().get(1))).contains("Subject: two");
        Path maildir = store.maildir(ALICE).root();
        assertThat(curNames(maildir)).allMatch(n -> n.matches(".*,S=\\d+,U=[12]:2,"));
        assertThat(Files.list(maildir.resolve("new")).count()).isZero();
        assertThat(inbox.snapshot()).isSameAs(inbox.snapshot()); // nothing changed: the same snapshot, no listing
    }

    @Test
    void flagsAndKeywordsAreInfoLettersAsDovecotWritesThem() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        Folder inbox = store.folders(ALICE).open("INBOX");
        long before = inbox.snapshot().highestModSeq();
        Folder.StoreResult result = inbox.store(List.of(1L),
                new Folder.FlagChange(Folder.FlagChange.Mode.ADD, MessageInfo.SEEN | MessageInfo.FLAGGED | MessageInfo.DRAFT, new java.util.LinkedHashSet<>(List.of("$Forwarded", "Work"))),
                Long.MAX_VALUE);

        assertThat(result.changed()).hasSize(1);
        MessageInfo m = result.changed().getFirst();
        assertThat(m.has(MessageInfo.SEEN) && m.has(MessageInfo.FLAGGED) && m.has(MessageInfo.DRAFT)).isTrue();
        assertThat(m.modSeq()).isGreaterThan(before);
        Path maildir = store.maildir(ALICE).root();
        assertThat(curNames(maildir)).singleElement().asString().endsWith(",U=1:2,DFSab");
        assertThat(Files.readString(maildir.resolve("dovecot-keywords"))).isEqualTo("0 $Forwarded\n1 Work\n");
        FolderSnapshot snapshot = inbox.snapshot();
        assertThat(snapshot.keywords()).containsExactly("$Forwarded", "Work");
        assertThat(snapshot.highestModSeq()).isEqualTo(m.modSeq());

        inbox.store(List.of(1L), new Folder.FlagChange(Folder.FlagChange.Mode.REMOVE, MessageInfo.DRAFT, Set.of("work")), Long.MAX_VALUE);
        assertThat(curNames(maildir)).singleElement().asString().endsWith(",U=1:2,FSa");
        Folder.StoreResult refused = inbox.store(List.of(1L),
                new Folder.FlagChange(Folder.FlagChange.Mode.REPLACE, 0, Set.of()), m.modSeq());
        assertThat(refused.changed()).isEmpty();
        assertThat(refused.modifiedSince()).containsExactly(1L); // RFC 7162 UNCHANGEDSINCE
    }

    @Test
    void expungeRemovesTheFilesAndOpeningAnExpungedMessageSaysSo() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        deliver(store, "two");
        Folder inbox = store.folders(ALICE).open("INBOX");
        MessageInfo first = inbox.snapshot().messages().getFirst();

        assertThat(inbox.expunge(List.of(1L, 7L))).containsExactly(1L);
        assertThat(inbox.snapshot().messages()).extracting(MessageInfo::uid).containsExactly(2L);
        assertThat(curNames(store.maildir(ALICE).root())).hasSize(1);
        assertThatThrownBy(() -> inbox.open(first)).isInstanceOfSatisfying(FolderException.class,
                e -> assertThat(e.reason()).isEqualTo(FolderException.Reason.EXPUNGEISSUED));
    }

    @Test
    void appendGivesTheNextUidKeepsTheDateAndNeverReusesAnExpungedUid() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        deliver(store, "one");
        Folder inbox = store.folders(ALICE).open("INBOX");
        inbox.snapshot();
        inbox.expunge(List.of(1L));
        Instant date = Instant.parse("2024-02-03T04:05:06Z");
        Folder.AppendResult appended = inbox.append(out -> out.write(message("appended")), MessageInfo.SEEN, Set.of("Work"), date);

        FolderSnapshot snapshot = inbox.snapshot();
        assertThat(appended.uid()).isEqualTo(2);
        assertThat(appended.uidValidity()).isEqualTo(snapshot.uidValidity());
        MessageInfo m = snapshot.messages().getFirst();
        assertThat(m.uid()).isEqualTo(2);
        assertThat(m.size()).isEqualTo(message("appended").length);
        assertThat(m.keywords()).isEqualTo(1);
        assertThat(inbox.internalDate(m)).isEqualTo(date);
        assertThat(read(inbox, m)).contains("appended");
        assertThat(Files.list(store.maildir(ALICE).root().resolve("tmp")).count()).isZero();
    }

    @Test
    void theSameFolderIsOneObjectAndListenersHearDeliveries() throws Exception {
        MaildirStore store = new MaildirStore(dir, "mx.test");
        Folder a = store.folders(ALICE).open("INBOX");
        Folder b = store.folders(ALICE).open("INBOX");
        assertThat(a).isSameAs(b);
        a.snapshot();
        java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        try (AutoCloseable l = b.listen(heard::incrementAndGet)) {
            deliver(store, "one");
            assertThat(heard.get()).isEqualTo(1);
            assertThat(a.snapshot().messages()).hasSize(1);
        }
        int before = heard.get();
        deliver(store, "two");
        assertThat(heard.get()).isEqualTo(before); // closed: no more calls
    }
}
