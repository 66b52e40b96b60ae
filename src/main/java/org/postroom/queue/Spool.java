package org.postroom.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.postroom.files.OwnerOnly;
import org.postroom.store.Maildir;
import org.postroom.store.MessageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue on disk, {@code data/queue/}: for each message {@code ID.msg} ({@link QueueFile}: the bytes to send,
 * exactly, followed by the envelope as it was at intake) and, once the envelope has changed, {@code ID.json} (the
 * envelope now, {@link QueueEntry}). The message file is what makes a message exist.
 *
 * <p>A new message is written as {@code tmp/ID.msg}, fdatasynced once, and renamed into the queue; the client
 * hears 250 then, without waiting for a folder fsync (one disk flush per message, as Postfix's queue file). If a
 * power cut loses the rename, the synced file is still in {@code tmp/}, and {@link #recover()} moves it into the
 * queue: a whole queue file in {@code tmp/} is a message that may have been acknowledged. Anything else in
 * {@code tmp/} was never acknowledged and is removed. Every later write of an envelope is: a new file in
 * {@code tmp/}, fsync, rename over {@code ID.json}, fsync the folder. Removal unlinks the message file first,
 * then the envelope file, unsynced: after a power cut a removed message can come back and be sent again (a
 * duplicate, which RFC 5321 6.1 accepts; a loss it does not); an envelope file left alone is a removal cut short.
 *
 * <p>SECURITY: ids come from Postroom or from the administrator's command line; anything but letters and digits
 * is refused, so no id names a file outside the queue folder.
 */
public final class Spool {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{1,64}");
    static final String MESSAGE = ".msg";
    static final String ENVELOPE = ".json";

    private final Path dir;
    private final AtomicLong sequence = new AtomicLong();
    private volatile Consumer<QueueEntry> onCommit = entry -> { };

    public Spool(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    Path control() {
        return dir.resolve("control");
    }

    Path corrupt() {
        return dir.resolve("corrupt");
    }

    Path lockFile() {
        return dir.resolve("queue.lock");
    }

    /** Who hears of each newly queued message (the runner, to send it at once). */
    void onCommit(Consumer<QueueEntry> listener) {
        this.onCommit = listener;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String checked(String id) {
        if (!isValidId(id)) throw new IllegalArgumentException("not a queue id: " + id);
        return id;
    }

    public void create() throws IOException {
        OwnerOnly.createDirectories(tmp()); // 0700, and data/queue above it
        OwnerOnly.createDirectories(control());
    }

    public Path messageFile(String id) {
        return dir.resolve(checked(id) + MESSAGE);
    }

    Path envelopeFile(String id) {
        return dir.resolve(checked(id) + ENVELOPE);
    }

    /** The bytes to send, streamed. */
    public InputStream openMessage(QueueEntry entry) throws IOException {
        return QueueFile.openMessage(messageFile(entry.id()), entry.size());
    }

    /** Checks a message file before it is sent and returns what to send ({@link QueueFile#verify}); {@link DamagedQueueFile} when damaged. */
    DeliveryAgent.Body verify(QueueEntry entry) throws IOException {
        return QueueFile.verify(messageFile(entry.id()), entry.size());
    }

    public boolean exists(String id) {
        return Files.exists(messageFile(id));
    }

    /** A message written and synced but not yet in the queue: {@link #commit()} puts it there, {@link #abort()} drops it. */
    public final class Staged {
        private final QueueEntry entry;
        private final Path message;
        private boolean done;

        private Staged(QueueEntry entry, Path message) {
            this.entry = entry;
            this.message = message;
        }

        public QueueEntry entry() {
            return entry;
        }

        /**
         * Renames the file into the queue: the message is queued. It was synced when it was staged; the rename needs
         * no folder fsync, since {@link #recover()} finishes it after a power cut.
         */
        public void commit() throws IOException {
            if (done) throw new IllegalStateException("already done");
            done = true;
            try {
                Files.move(message, messageFile(entry.id()), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(message);
                throw e;
            }
            onCommit.accept(entry);
        }

        public void abort() {
            if (done) return;
            done = true;
            try {
                Files.deleteIfExists(message);
            } catch (IOException e) {
                log.warn("cannot remove the unfinished queue file {}: {}", message, e.toString());
            }
        }
    }

    /**
     * Writes a new message with its envelope into {@code tmp/} and syncs it. {@code envelope} makes the envelope
     * from what writing the message showed (its size, 8-bit content).
     */
    public Staged stage(String id, MessageWriter writer, Function<MessageFacts, QueueEntry> envelope) throws IOException {
        checked(id);
        Path message = tmp().resolve(id + MESSAGE);
        try {
            QueueEntry entry = QueueFile.write(message, writer, facts -> {
                QueueEntry made = envelope.apply(facts);
                if (!made.id().equals(id)) throw new IllegalArgumentException("envelope id " + made.id() + " is not " + id);
                return made;
            });
            return new Staged(entry, message);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(message);
            throw e;
        }
    }

    /** Replaces a message's envelope file, durably. */
    public void write(QueueEntry entry) throws IOException {
        Path tmpFile = tmp().resolve(entry.id() + "." + sequence.incrementAndGet() + ENVELOPE);
        try {
            writeSynced(tmpFile, EnvelopeCodec.encode(entry));
            Files.move(tmpFile, envelopeFile(entry.id()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmpFile);
        }
        Maildir.syncDirectory(dir);
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = OwnerOnly.createFile(file)) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(bytes);
            out.flush();
            channel.force(false);
        }
    }

    /**
     * The entry as it stands: its envelope file when it has one, else the envelope in its message file. Empty when
     * the message is gone (delivered, or deleted).
     */
    public Optional<QueueEntry> read(String id) throws IOException {
        Path message = messageFile(id);
        Path envelope = envelopeFile(id);
        try {
            // Most messages are sent at their first attempt and never get an envelope file: look before opening.
            if (!Files.exists(envelope)) return Optional.of(QueueFile.readEnvelope(message));
            byte[] updated = Files.readAllBytes(envelope);
            if (!Files.exists(message)) return Optional.empty(); // a removal under way
            try {
                return Optional.of(EnvelopeCodec.decode(updated));
            } catch (IOException e) {
                throw new DamagedQueueFile(envelope + ": " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Takes a message out of the queue: its message file first (the message no longer exists), then its envelope. */
    public void remove(String id) throws IOException {
        Files.deleteIfExists(messageFile(id));
        Files.deleteIfExists(envelopeFile(id));
    }

    /**
     * One pass over the queue folder: every queued message's id in name order, and which of them have an envelope
     * file (changed since intake). For the console's cached listing ({@code service.QueueIndex}), which re-reads only
     * what changed.
     */
    public record Listing(List<String> ids, java.util.Set<String> withEnvelope) {}

    public Listing listing() throws IOException {
        List<String> ids = new ArrayList<>();
        java.util.Set<String> envelopes = new java.util.HashSet<>();
        if (!Files.isDirectory(dir)) return new Listing(ids, envelopes);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(MESSAGE)) {
                    String id = name.substring(0, name.length() - MESSAGE.length());
                    if (isValidId(id)) ids.add(id);
                } else if (name.endsWith(ENVELOPE)) {
                    envelopes.add(name.substring(0, name.length() - ENVELOPE.length()));
                }
            }
        }
        ids.sort(null);
        return new Listing(ids, envelopes);
    }

    /** When the envelope file of {@code id} last changed; empty when it has none. */
    public Optional<java.nio.file.attribute.FileTime> envelopeModified(String id) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(envelopeFile(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The ids of every queued message, in name order (which is arrival order for Postroom's ids). */
    public List<String> ids() throws IOException {
        return idsIn(dir, MESSAGE);
    }

    private static List<String> idsIn(Path folder, String suffix) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(folder)) return ids;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + suffix)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - suffix.length());
                if (isValidId(id)) ids.add(id);
            }
        }
        ids.sort(null);
        return ids;
    }

    /** A whole queue file in {@code tmp/} (footer, checksum and envelope add up) goes into the queue. */
    private boolean promote(String id) throws IOException {
        Path staged = tmp().resolve(id + MESSAGE);
        try {
            if (!QueueFile.readVerified(staged).id().equals(id)) return false;
        } catch (DamagedQueueFile e) {
            return false; // cut short or half on disk: it was never synced, so never acknowledged
        }
        Files.move(staged, messageFile(id), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * A staged pair of Postroom's older layout (before November 2026: {@code tmp/ID.msg} the message alone, then
     * {@code tmp/ID.json}, each synced, renamed message first) whose renames a stop cut short, all or half: when
     * the envelope decodes and the message has its size, both go into the queue.
     */
    private boolean promoteOlderLayout(String id) throws IOException {
        Path envelope = tmp().resolve(id + ENVELOPE);
        QueueEntry entry;
        try {
            entry = EnvelopeCodec.decode(Files.readAllBytes(envelope));
        } catch (IOException e) {
            return false; // cut short: never synced, so never acknowledged
        }
        Path staged = tmp().resolve(id + MESSAGE);
        Path message = Files.exists(staged) ? staged : messageFile(id);
        if (!entry.id().equals(id) || !Files.exists(message) || Files.size(message) != entry.size()) return false;
        if (message.equals(staged)) Files.move(staged, messageFile(id), StandardCopyOption.ATOMIC_MOVE);
        Files.move(envelope, envelopeFile(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * Moves a damaged entry out of the way, into {@code corrupt/}, for the administrator, and logs an ERROR with
     * {@code why}: the message file first (after a stop in between, the envelope file left behind is removed on
     * start). As Postfix does with its corrupt queue files, nobody else is told: a damaged file's sender may be
     * wrong too, and the administrator decides.
     */
    public void setAside(String id, String why) throws IOException {
        OwnerOnly.createDirectories(corrupt());
        for (Path file : new Path[] {messageFile(id), envelopeFile(id)}) {
            if (Files.exists(file)) Files.move(file, corrupt().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        log.error("queue: {} is damaged ({}); moved its files to {}, not sent", id, why, corrupt());
    }

    /**
     * On start, before anything else uses the queue: moves into the queue every whole staged message whose rename
     * a power cut undid, removes every other file in {@code tmp/} (nobody was told 250 for those) and every
     * envelope file without its message (a removal cut short). Returns how many files it removed.
     */
    public int recover() throws IOException {
        create();
        int promoted = 0;
        for (String id : idsIn(tmp(), MESSAGE)) {
            if (!exists(id) && promote(id)) promoted++;
        }
        for (String id : idsIn(tmp(), ENVELOPE)) {
            if (promoteOlderLayout(id)) promoted++;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp())) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        if (promoted > 0) {
            Maildir.syncDirectory(dir);
            log.info("queue: {} message(s) staged before an earlier stop were put in the queue", promoted);
        }
        for (String id : idsIn(dir, ENVELOPE)) {
            if (!exists(id)) {
                Files.deleteIfExists(envelopeFile(id));
                removed++;
            }
        }
        if (removed > 0) log.info("queue: removed {} unfinished files left by an earlier stop", removed);
        return removed;
    }
}
