package org.postroom.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.postroom.store.folder.FolderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's side of a delivery transaction (the queue's is {@code Spool.Staged}): one message written into the
 * first recipient's {@code tmp/} and fdatasynced by {@link MaildirStore#prepare}, in no mailbox yet. {@link #commit}
 * links it into every recipient's {@code new/}, syncs those folders, and removes the {@code tmp/} name: the message
 * is then delivered. {@link #abort} removes the {@code tmp/} file: nobody was told, nothing is lost.
 *
 * <p>Between the two, a caller may record {@link #filing()} (the collector does, with its ledger rows): the delivery is
 * then promised. A commit that fails leaves the {@code tmp/} file in place, so a caller that recorded the delivery
 * does not abort it but finishes it later ({@link MaildirStore#finishFiling}); one that did not, aborts.
 */
public final class PreparedDelivery {
    private static final Logger log = LoggerFactory.getLogger(PreparedDelivery.class);

    /**
     * What finishes a prepared delivery after a crash or a failed commit: the synced file in {@code tmp/}, and the
     * name it gets in each recipient's {@code new/}.
     */
    public record Filing(Path tmpFile, List<Path> destinations) {
        public Filing {
            destinations = List.copyOf(destinations);
        }
    }

    private enum State { PREPARED, COMMITTED, FAILED, ABORTED }

    private final Path tmpFile;
    private final List<Maildir> targets;
    private final String fileName;
    private final long size;
    private final FolderRegistry folders;
    private State state = State.PREPARED;

    PreparedDelivery(Path tmpFile, List<Maildir> targets, String fileName, long size, FolderRegistry folders) {
        this.folders = folders;
        this.tmpFile = tmpFile;
        this.targets = List.copyOf(targets);
        this.fileName = fileName;
        this.size = size;
    }

    /** The file name every copy gets in {@code new/} (unique name and {@code ,S=} size). */
    public String fileName() {
        return fileName;
    }

    /** The message's size in octets, as written. */
    public long size() {
        return size;
    }

    /** Where the message waits and where it goes, for a caller that records the delivery before committing it. */
    public Filing filing() {
        return new Filing(tmpFile, targets.stream().map(t -> t.newDir().resolve(fileName)).toList());
    }

    /**
     * Links the message into each recipient's {@code new/} (a synced copy where hard links are not possible), fsyncs
     * each {@code new/} folder, then removes the {@code tmp/} name. When it returns, the message survives a power cut.
     * When it throws, the {@code tmp/} file is still there: {@link #abort} it, or finish it from its {@link #filing()}.
     */
    public synchronized void commit() throws IOException {
        if (state != State.PREPARED) throw new IllegalStateException("delivery is " + state);
        state = State.FAILED;
        for (Maildir target : targets) MaildirStore.fileInto(tmpFile, target, fileName);
        for (Maildir target : targets) Maildir.syncDirectory(target.newDir());
        state = State.COMMITTED;
        Files.deleteIfExists(tmpFile);
        // Synced, so an IMAP session told now can give it a UID: the loaded INBOXes tell their listeners.
        for (Maildir target : targets) folders.delivered(target.root());
    }

    /**
     * Gives the delivery up: removes the {@code tmp/} file. After a failed commit, links already made stay; the
     * sender was never told, so at worst the message arrives twice. Does nothing once committed or aborted.
     */
    public synchronized void abort() {
        if (state == State.COMMITTED || state == State.ABORTED) return;
        state = State.ABORTED;
        try {
            Files.deleteIfExists(tmpFile);
        } catch (IOException e) {
            log.warn("cannot remove the unfinished delivery {}: {}", tmpFile, e.toString());
        }
    }
}
