package org.postroom.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.postroom.files.OwnerOnly;
import org.postroom.message.MailAddress;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderRegistry;
import org.postroom.store.folder.UserFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local delivery: writes a message once and files it into the Maildir of every recipient, as a small transaction:
 * {@link #prepare} writes and fsyncs the file in {@code tmp/}, {@link PreparedDelivery#commit} links it into each
 * {@code new/} and fsyncs each {@code new/} folder (Maildir's "rename into new" made power-safe), or
 * {@link PreparedDelivery#abort} drops it. Several recipients share one file through hard links where the file
 * system allows, and get copies where it does not.
 */
public final class MaildirStore {
    private static final Logger log = LoggerFactory.getLogger(MaildirStore.class);

    private final Path mailRoot;
    private final String hostPart;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<Path> knownMaildirs = ConcurrentHashMap.newKeySet();
    private final FolderRegistry folders = new FolderRegistry(this::uniqueName);

    public MaildirStore(Path mailRoot, String hostname) {
        this.mailRoot = mailRoot;
        // Maildir names: '/' and ':' in the host name are written as octal escapes.
        this.hostPart = hostname.replace("/", "\\057").replace(":", "\\072");
    }

    public Maildir maildir(MailAddress user) {
        String[] parts = MailboxNames.pathFor(user);
        return new Maildir(mailRoot.resolve(parts[0]).resolve(parts[1]));
    }

    /** The user's folders (IMAP), shared with every session and delivery of this process. */
    public UserFolders folders(MailAddress user) {
        return folders.folders(maildir(user).root());
    }

    /** As {@link #folders(MailAddress)}, telling the store the user's quota (octets, 0 for none) for APPEND and COPY. */
    public UserFolders folders(MailAddress user, long quotaBytes) {
        folders.quota(maildir(user).root(), quotaBytes);
        return folders.folders(maildir(user).root());
    }

    /** The user's shared INBOX, as POP3 reads it: nothing is created on disk for a user who has no mail. */
    public Folder inbox(MailAddress user) {
        return folders.inbox(maildir(user).root());
    }

    /** Octets used by every folder of the user (the quota), listing a folder only when it changed. */
    public long usage(MailAddress user) throws IOException {
        return folders.usage(maildir(user).root());
    }

    /** The registry of open folders (deliveries tell it; tests look into it). */
    public FolderRegistry registry() {
        return folders;
    }

    /** What one delivery produced: the file name shared by every copy, and its size. */
    public record Delivered(String fileName, long size) {}

    /** Stores one message for every mailbox in {@code users}: prepared, then committed; on return it is on disk and synced. */
    public Delivered deliver(Collection<MailAddress> users, MessageWriter writer) throws IOException {
        PreparedDelivery prepared = prepare(users, writer);
        try {
            prepared.commit();
        } catch (IOException | RuntimeException e) {
            prepared.abort();
            throw e;
        }
        return new Delivered(prepared.fileName(), prepared.size());
    }

    /**
     * Writes the message once into the first recipient's {@code tmp/} and fdatasyncs it; no mailbox shows it until
     * {@link PreparedDelivery#commit}. A write that fails leaves nothing behind.
     */
    public PreparedDelivery prepare(Collection<MailAddress> users, MessageWriter writer) throws IOException {
        if (users.isEmpty()) throw new IllegalArgumentException("no recipients");
        List<Maildir> targets = new ArrayList<>(users.size());
        for (MailAddress user : users) targets.add(ensure(maildir(user)));

        String unique = uniqueName();
        Path tmpFile = targets.getFirst().tmp().resolve(unique);
        long size;
        try (FileChannel channel = OwnerOnly.createFile(tmpFile)) { // 0600 in the open call; each hard link shares it
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 65536);
            writer.writeTo(out);
            out.flush();
            size = channel.size();
            channel.force(false); // fdatasync: the bytes and the size are on disk
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmpFile);
            throw e;
        }
        return new PreparedDelivery(tmpFile, targets, unique + ",S=" + size, size, folders);
    }

    /**
     * Completes a delivery whose {@link PreparedDelivery.Filing} a caller recorded but which was perhaps not committed
     * (a crash, a failed link): links the synced tmp/ file into each destination that does not hold it yet, syncs, and
     * removes the tmp/ file. The tmp/ file goes only after every link is synced, so when it is gone the delivery was
     * complete. Run it before
     * {@link #removeLeftovers} and before users can reach their mail (a message read and deleted meanwhile would
     * come back).
     */
    public static void finishFiling(Path tmpFile, List<Path> destinations) throws IOException {
        if (!Files.exists(tmpFile)) return;
        for (Path destination : destinations) {
            Maildir target = new Maildir(destination.getParent().getParent());
            String fileName = destination.getFileName().toString();
            target.create();
            if (!target.holds(Maildir.uniqueName(fileName))) fileInto(tmpFile, target, fileName);
        }
        for (Path destination : destinations) Maildir.syncDirectory(destination.getParent());
        Files.deleteIfExists(tmpFile);
        log.info("finished an interrupted delivery of {} into {} mailbox(es)", tmpFile.getFileName(), destinations.size());
    }

    static void fileInto(Path tmpFile, Maildir target, String fileName) throws IOException {
        Path destination = target.newDir().resolve(fileName);
        try {
            Files.createLink(destination, tmpFile);
        } catch (FileAlreadyExistsException e) {
            throw e; // names are unique per process and time; a clash is a bug, never overwrite mail
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (another file system, or none at all): a synced copy instead.
            Path copy = target.tmp().resolve(fileName);
            try {
                Files.copy(tmpFile, copy, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(copy, destination, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException failed) {
                Files.deleteIfExists(copy); // a copy that did not make it into new/ is nobody's
                throw failed;
            }
        }
    }

    private Maildir ensure(Maildir maildir) throws IOException {
        // One stat even when known: `postroom user remove` may have moved the folder away (RemovedMailboxes).
        if (knownMaildirs.contains(maildir.root()) && Files.isDirectory(maildir.tmp())) return maildir;
        OwnerOnly.createDirectories(maildir.root().getParent());
        maildir.create();
        knownMaildirs.add(maildir.root());
        return maildir;
    }

    private String uniqueName() {
        long now = System.currentTimeMillis();
        long micros = (System.nanoTime() / 1000) % 1_000_000;
        return (now / 1000) + ".M" + micros + "P" + pid + "Q" + sequence.incrementAndGet() + "." + hostPart;
    }

    /**
     * On start: removes what a crash left in the tmp/ folders. Nothing there was ever acknowledged; a message
     * counts as delivered only once it is in new/ or cur/.
     */
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(mailRoot)) return 0;
        int removed = 0;
        try (DirectoryStream<Path> domains = Files.newDirectoryStream(mailRoot)) {
            for (Path domain : domains) {
                if (!Files.isDirectory(domain)) continue;
                try (DirectoryStream<Path> users = Files.newDirectoryStream(domain)) {
                    for (Path user : users) removed += removeTmpFiles(new Maildir(user));
                }
            }
        }
        if (removed > 0) log.info("removed {} unfinished deliveries left in tmp/ folders by an earlier stop", removed);
        return removed;
    }

    private static int removeTmpFiles(Maildir maildir) throws IOException {
        if (!Files.isDirectory(maildir.tmp())) return 0;
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir.tmp())) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }
}
