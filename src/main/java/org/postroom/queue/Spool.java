package org.postroom.queue;

import java.io.BufferedOutputStream;
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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.postroom.store.Maildir;
import org.postroom.store.MessageWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue on disk, {@code data/queue/}: for each message {@code ID.msg} (the bytes to send, exactly) and
 * {@code ID.json} (its envelope, {@link QueueEntry}). The envelope file is what makes a message exist: it is
 * renamed into place last.
 *
 * <p>A new message is written as {@code tmp/ID.msg} and {@code tmp/ID.json}, each fdatasynced, then both are
 * renamed into the queue; the client hears 250 then, without waiting for a folder fsync (two disk flushes per
 * message, not three). If a power cut loses the renames, the synced pair is still in {@code tmp/}, and
 * {@link #recover()} moves it into the queue: a staged pair whose envelope decodes and whose message has the
 * size the envelope says is a message that may have been acknowledged. Anything else in {@code tmp/} was never
 * acknowledged and is removed. Every later write of an envelope is: a new file in {@code tmp/}, fsync, rename
 * over the old name, fsync the folder. Removal is not synced: after a power cut a removed message can come back
 * and be sent again (a duplicate, which RFC 5321 6.1 accepts; a loss it does not).
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
        Files.createDirectories(tmp());
        Files.createDirectories(control());
    }

    public Path messageFile(String id) {
        return dir.resolve(checked(id) + MESSAGE);
    }

    Path envelopeFile(String id) {
        return dir.resolve(checked(id) + ENVELOPE);
    }

    public InputStream openMessage(String id) throws IOException {
        return Files.newInputStream(messageFile(id));
    }

    public boolean exists(String id) {
        return Files.exists(envelopeFile(id));
    }

    /** A message written and synced but not yet in the queue: {@link #commit()} puts it there, {@link #abort()} drops it. */
    public final class Staged {
        private final QueueEntry entry;
        private final Path message;
        private final Path envelope;
        private boolean done;

        private Staged(QueueEntry entry, Path message, Path envelope) {
            this.entry = entry;
            this.message = message;
            this.envelope = envelope;
        }

        public QueueEntry entry() {
            return entry;
        }

        /**
         * Renames both files into the queue (the envelope last): the message is queued. Both were synced when they
         * were staged; the renames need no folder fsync, since {@link #recover()} finishes them after a power cut.
         */
        public void commit() throws IOException {
            if (done) throw new IllegalStateException("already " + (entry == null ? "aborted" : "committed"));
            done = true;
            try {
                Files.move(message, messageFile(entry.id()), StandardCopyOption.ATOMIC_MOVE);
                Files.move(envelope, envelopeFile(entry.id()), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(envelopeFile(entry.id()));
                Files.deleteIfExists(messageFile(entry.id()));
                Files.deleteIfExists(message);
                Files.deleteIfExists(envelope);
                throw e;
            }
            onCommit.accept(entry);
        }

        public void abort() {
            if (done) return;
            done = true;
            try {
                Files.deleteIfExists(message);
                Files.deleteIfExists(envelope);
            } catch (IOException e) {
                log.warn("cannot remove the unfinished queue files {} and {}: {}", message, envelope, e.toString());
            }
        }
    }

    /**
     * Writes a new message and its envelope into {@code tmp/} and syncs both. {@code envelope} makes the envelope
     * from what writing the message showed (its size, 8-bit content).
     */
    public Staged stage(String id, MessageWriter writer, Function<MessageFacts, QueueEntry> envelope) throws IOException {
        checked(id);
        Path message = tmp().resolve(id + MESSAGE);
        Path envelopePath = tmp().resolve(id + ENVELOPE);
        try {
            MessageFacts facts;
            try (FileChannel channel = FileChannel.open(message, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                MessageFacts.Scanner scanner = new MessageFacts.Scanner(new BufferedOutputStream(Channels.newOutputStream(channel), 65536));
                writer.writeTo(scanner);
                scanner.flush();
                channel.force(false);
                facts = scanner.facts();
            }
            QueueEntry entry = envelope.apply(facts);
            if (!entry.id().equals(id)) throw new IllegalArgumentException("envelope id " + entry.id() + " is not " + id);
            writeSynced(envelopePath, EnvelopeCodec.encode(entry));
            return new Staged(entry, message, envelopePath);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(message);
            Files.deleteIfExists(envelopePath);
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
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(bytes);
            out.flush();
            channel.force(false);
        }
    }

    /** The entry, freshly read from its envelope file; empty when there is none (delivered, or deleted). */
    public Optional<QueueEntry> read(String id) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(envelopeFile(id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(EnvelopeCodec.decode(bytes));
        } catch (IOException e) {
            throw new IOException(envelopeFile(id) + ": " + e.getMessage(), e);
        }
    }

    /** Takes a message out of the queue: the envelope first (the message no longer exists), then its bytes. */
    public void remove(String id) throws IOException {
        Files.deleteIfExists(envelopeFile(id));
        Files.deleteIfExists(messageFile(id));
    }

    /** The ids of every queued message, in name order (which is arrival order for Postroom's ids). */
    public List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) return ids;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ENVELOPE)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ENVELOPE.length());
                if (isValidId(id)) ids.add(id);
            }
        }
        ids.sort(null);
        return ids;
    }

    /** A staged pair in {@code tmp/} that is whole (the envelope decodes, the message has its size) goes into the queue. */
    private boolean promote(String id, Path envelope) throws IOException {
        QueueEntry entry;
        try {
            entry = EnvelopeCodec.decode(Files.readAllBytes(envelope));
        } catch (IOException e) {
            return false; // cut short: it was never synced, so never acknowledged
        }
        Path message = Files.exists(tmp().resolve(id + MESSAGE)) ? tmp().resolve(id + MESSAGE) : messageFile(id);
        if (!entry.id().equals(id) || !Files.exists(message) || Files.size(message) != entry.size()) return false;
        if (!message.equals(messageFile(id))) Files.move(message, messageFile(id), StandardCopyOption.ATOMIC_MOVE);
        Files.move(envelope, envelopeFile(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /** Moves an entry whose envelope cannot be read out of the way, into {@code corrupt/}, for the administrator. */
    public void setAside(String id) throws IOException {
        Files.createDirectories(corrupt());
        for (Path file : new Path[] {envelopeFile(id), messageFile(id)}) {
            if (Files.exists(file)) Files.move(file, corrupt().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        log.error("queue: the envelope of {} cannot be read; moved it and its message to {}", id, corrupt());
    }

    /**
     * On start, before anything else uses the queue: moves into the queue every whole staged message whose
     * renames a power cut undid, removes every other file in {@code tmp/} and every message file without an
     * envelope (nobody was told 250 for those), and sets aside envelopes without a message. Returns how many
     * files it removed.
     */
    public int recover() throws IOException {
        create();
        int promoted = 0;
        List<Path> staged = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp(), "*" + ENVELOPE)) {
            files.forEach(staged::add);
        }
        for (Path envelope : staged) {
            String name = envelope.getFileName().toString();
            String id = name.substring(0, name.length() - ENVELOPE.length());
            if (isValidId(id) && promote(id, envelope)) promoted++;
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
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + MESSAGE)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - MESSAGE.length());
                if (isValidId(id) && !Files.exists(envelopeFile(id))) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        for (String id : ids()) {
            if (!Files.exists(messageFile(id))) setAside(id);
        }
        if (removed > 0) log.info("queue: removed {} unfinished files left by an earlier stop", removed);
        return removed;
    }
}
