package org.postroom.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postroom.files.OwnerOnly;

/**
 * {@code data/trace.journal}: the steps a door must not lose once it said 250, appended (one {@code write}, no
 * sync) before the reply. A {@code write} that returned is in the kernel's page cache and survives the process
 * being killed; the database takes the same events a moment later in larger batches, and records how far into the
 * journal it got ({@code meta.journal}) in the same transaction. At a start, what the journal holds past that
 * point is put into the database first. Once the database has everything and the file has grown past
 * {@link #ROTATE_AT}, the file is emptied (appends wait meanwhile).
 */
final class TraceJournal implements AutoCloseable {
    static final String FILE_NAME = "trace.journal";
    static final long ROTATE_AT = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as a journal line. */
    record Line(long at, String kind, String door, String message, String messageId, String client, String sender, List<String> addresses,
            Map<String, String> details) {
        /** This line as JSON, the way Jackson would write it (read back by Jackson in {@link #unrecorded}, at a start only). */
        void appendTo(StringBuilder out) {
            out.append("{\"at\":").append(at).append(",\"kind\":");
            FlatJson.appendString(out, kind);
            for (String[] field : new String[][] {{"door", door}, {"message", message}, {"messageId", messageId}, {"client", client},
                    {"sender", sender}}) {
                out.append(",\"").append(field[0]).append("\":");
                FlatJson.appendString(out, field[1]);
            }
            out.append(",\"addresses\":");
            FlatJson.appendArray(out, addresses);
            out.append(",\"details\":");
            FlatJson.appendObject(out, details);
            out.append('}');
        }

        static Line of(Event e) {
            return new Line(TraceStore.micros(e.at()), e.kind().name(), e.door(), e.message(), e.messageId(), e.client(), e.sender(),
                    e.addresses(), e.details());
        }

        Event event() {
            return new Event(TraceStore.instant(at), EventKind.valueOf(kind), door, message, messageId, client, sender, addresses, details);
        }
    }

    /** What a start found past the database's point: the events, and the offset after the last whole line. */
    record Unrecorded(List<Event> events, long end) {}

    /** Held by a door from its append until its events are queued for the writer, so the two orders agree. */
    final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final FileChannel channel;
    private long end;

    private TraceJournal(FileChannel channel, long end) {
        this.channel = channel;
        this.end = end;
    }

    static TraceJournal open(Path file) throws IOException {
        if (!Files.exists(file)) OwnerOnly.writeNewFile(file, new byte[0]);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        return new TraceJournal(channel, channel.size());
    }

    /**
     * The events from {@code from} on; a last line cut short (the process died inside the write) is cut off. A
     * database point past the end means the file was emptied after the database had it all: nothing is missing.
     */
    Unrecorded unrecorded(long from) throws IOException {
        long size = channel.size();
        if (from >= size) return new Unrecorded(List.of(), size);
        List<Event> events = new ArrayList<>();
        long offset = from;
        long position = from;
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(from)), 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        for (int c = in.read(); c >= 0; c = in.read()) {
            position++;
            if (c != '\n') {
                line.write(c);
                continue;
            }
            events.add(JSON.readValue(line.toByteArray(), Line.class).event());
            line.reset();
            offset = position;
        }
        if (offset < size) channel.truncate(offset); // a line cut short: its door never answered
        end = offset;
        return new Unrecorded(events, offset);
    }

    /** Appends the events' lines in one write; returns the offset after them. Callers hold {@link #lock}. */
    long append(List<Event> events) throws IOException {
        StringBuilder text = new StringBuilder(events.size() * 400);
        for (Event e : events) {
            Line.of(e).appendTo(text);
            text.append('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) end += channel.write(buffer, end);
        return end;
    }

    /** A database commit that records how far into the journal it got. */
    @FunctionalInterface
    interface PointCommit {
        void commit(long point) throws java.sql.SQLException;
    }

    /**
     * Empties the file when the database has it all ({@code recorded} is its end) and it has grown past
     * {@link #ROTATE_AT}: emptied first, then the database's point set to 0, both while appends wait; a crash
     * in between leaves a point past the end, which {@link #unrecorded} reads as "nothing missing". Skipped when a
     * door holds the lock (it may be waiting for the writer's queue): the next batch tries again.
     */
    void rotateIfDone(long recorded, PointCommit commitZero) throws IOException, java.sql.SQLException {
        if (!lock.tryLock()) return;
        try {
            if (recorded != end || end < ROTATE_AT) return;
            channel.truncate(0);
            end = 0;
            commitZero.commit(0);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
