package org.postroom.queue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.postroom.files.OwnerOnly;
import org.postroom.store.MessageWriter;

/**
 * One queued message in one file, {@code ID.msg}, so that taking it costs one disk flush:
 *
 * <pre>
 *   the message's bytes, exactly as they will be sent (the envelope's size says how many)
 *   the envelope as it was at intake, JSON ({@link EnvelopeCodec})
 *   "\npostroom-envelope " + the JSON's length in 12 digits + " " + CRC-32C in 8 hex digits + "\n"   (41 octets)
 * </pre>
 *
 * The file is written in one go and synced once; the footer comes last, so a file cut short by a crash has no
 * valid footer and is recognised as never finished. The checksum covers the message and the envelope: after a
 * power cut, a file that was never synced (so never acknowledged) can have its footer on disk but not all of its
 * blocks, and recovery must not send it ({@link #readVerified}). Later changes of the envelope go into
 * {@code ID.json} beside it ({@link Spool#write}); the copy in this file is the envelope until then.
 *
 * <p>SECURITY: the file is Postroom's own, but may be damaged: a footer or envelope that does not add up is an
 * {@link IOException} naming the file, never a guess.
 */
final class QueueFile {
    private static final String FOOTER_TAG = "\npostroom-envelope ";
    static final int FOOTER_LENGTH = FOOTER_TAG.length() + 12 + 1 + 8 + 1;
    /** No envelope is this long (10,000 recipients take about 3 MiB); a footer that says so is damaged. */
    private static final long MAX_ENVELOPE = 64L << 20;
    /** Queue files up to this size (most mail) are read once per send: checked and sent from one copy in memory. */
    static final int SEND_FROM_MEMORY = 256 * 1024;
    private static final Pattern FOOTER = Pattern.compile(Pattern.quote(FOOTER_TAG) + "([0-9]{12}) ([0-9a-f]{8})\n");

    private QueueFile() {}

    /**
     * Writes a new queue file (which must not exist yet): the message from {@code writer}, then the envelope that
     * {@code envelope} makes from what writing the message showed, then the footer; syncs it once.
     */
    static QueueEntry write(Path file, MessageWriter writer, Function<MessageFacts, QueueEntry> envelope) throws IOException {
        try (FileChannel channel = OwnerOnly.createFile(file)) { // 0600 in the open call
            CRC32C checksum = new CRC32C();
            BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 65536);
            CheckedOutputStream out = new CheckedOutputStream(buffered, checksum);
            MessageFacts.Scanner scanner = new MessageFacts.Scanner(out);
            writer.writeTo(scanner);
            QueueEntry entry = envelope.apply(scanner.facts());
            if (entry.size() != scanner.facts().size()) throw new IllegalArgumentException("the envelope's size is not the message's");
            byte[] json = EnvelopeCodec.encode(entry);
            out.write(json);
            buffered.write(footer(json.length, checksum.getValue()));
            buffered.flush();
            channel.force(false);
            return entry;
        }
    }

    static byte[] footer(int envelopeLength, long crc32c) {
        return String.format("%s%012d %08x\n", FOOTER_TAG, envelopeLength, crc32c).getBytes(StandardCharsets.US_ASCII);
    }

    /** The envelope written at intake; {@link DamagedQueueFile} when the file is not a whole queue file. */
    static QueueEntry readEnvelope(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return envelope(file, channel, layout(file, channel));
        }
    }

    /**
     * The same, after checking the whole file against its checksum (reading all of it): for recovery, which must
     * tell a file that was synced from one a power cut caught half on disk.
     */
    static QueueEntry readVerified(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout layout = layout(file, channel);
            checkSum(file, channel, layout);
            return envelope(file, channel, layout);
        }
    }

    /**
     * Before each send: the file holds {@code messageLength} octets of message and its checksum matches, so a file
     * cut short or changed on disk since intake is never sent (it would open a transaction the smarthost is left to
     * time out, or relay altered bytes). Returns the body to send. A file up to {@link #SEND_FROM_MEMORY} is read once,
     * whole, and sent from that copy; a larger one is checked in one sequential pass and then streamed again (from the
     * page cache). A file of the older layout (the message alone, no footer) has no checksum: its size must be exactly
     * the envelope's.
     */
    static DeliveryAgent.Body verify(Path file, long messageLength) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            DeliveryAgent.Body fromFile = () -> openMessage(file, messageLength);
            if (channel.size() == messageLength && !hasFooter(channel)) return fromFile; // the older layout
            Layout layout = layout(file, channel);
            if (layout.messageLength() != messageLength) {
                throw new DamagedQueueFile(file + ": the envelope gives " + messageLength + " octets, the file holds " + layout.messageLength());
            }
            if (channel.size() > SEND_FROM_MEMORY) {
                checkSum(file, channel, layout);
                return fromFile;
            }
            byte[] whole = new byte[(int) (layout.messageLength() + layout.envelopeLength())];
            readFully(channel, ByteBuffer.wrap(whole), 0);
            CRC32C checksum = new CRC32C();
            checksum.update(whole);
            if (checksum.getValue() != layout.crc32c()) throw new DamagedQueueFile(file + ": its checksum does not match its contents");
            return () -> new ByteArrayInputStream(whole, 0, (int) messageLength);
        }
    }

    private static boolean hasFooter(FileChannel channel) throws IOException {
        if (channel.size() < FOOTER_LENGTH) return false;
        ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
        readFully(channel, footer, channel.size() - FOOTER_LENGTH);
        return FOOTER.matcher(new String(footer.array(), StandardCharsets.US_ASCII)).matches();
    }

    /** CRC-32C (hardware-accelerated in the JDK) over the message and the intake envelope, as {@link #write} made it. */
    private static void checkSum(Path file, FileChannel channel, Layout layout) throws IOException {
        CRC32C checksum = new CRC32C();
        long end = layout.messageLength() + layout.envelopeLength();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(65536, Math.max(1, end)));
        for (long position = 0; position < end; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            readFully(channel, buffer, position);
            checksum.update(buffer.flip());
            position += buffer.limit();
        }
        if (checksum.getValue() != layout.crc32c()) throw new DamagedQueueFile(file + ": its checksum does not match its contents");
    }

    private static QueueEntry envelope(Path file, FileChannel channel, Layout layout) throws IOException {
        ByteBuffer json = ByteBuffer.allocate(layout.envelopeLength());
        readFully(channel, json, layout.messageLength());
        QueueEntry entry;
        try {
            entry = EnvelopeCodec.decode(json.array());
        } catch (IOException e) {
            throw new DamagedQueueFile(file + ": " + e.getMessage(), e);
        }
        if (entry.size() != layout.messageLength()) {
            throw new DamagedQueueFile(file + ": the envelope gives " + entry.size() + " octets, the file holds " + layout.messageLength());
        }
        return entry;
    }

    /**
     * The message's bytes alone, streamed from the file: the first {@code length} octets (the envelope's size). A
     * file without the envelope after the message (written by Postroom before November 2026) is read the same way.
     */
    static InputStream openMessage(Path file, long length) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            if (channel.size() < length) throw new IOException(file + ": " + channel.size() + " octets, its envelope gives " + length);
            return new Prefix(Channels.newInputStream(channel), length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private record Layout(long messageLength, int envelopeLength, long crc32c) {}

    private static Layout layout(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < FOOTER_LENGTH) throw new DamagedQueueFile(file + ": too short for a queue file (" + size + " octets)");
        ByteBuffer footer = ByteBuffer.allocate(FOOTER_LENGTH);
        readFully(channel, footer, size - FOOTER_LENGTH);
        Matcher m = FOOTER.matcher(new String(footer.array(), StandardCharsets.US_ASCII));
        if (!m.matches()) throw new DamagedQueueFile(file + ": no queue file footer (the file was not finished)");
        long envelopeLength = Long.parseLong(m.group(1));
        if (envelopeLength > Math.min(MAX_ENVELOPE, size - FOOTER_LENGTH)) {
            throw new DamagedQueueFile(file + ": the footer gives an envelope of " + envelopeLength + " octets, in a file of " + size);
        }
        return new Layout(size - FOOTER_LENGTH - envelopeLength, (int) envelopeLength, Long.parseLong(m.group(2), 16));
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) throw new IOException("unexpected end of file");
        }
    }

    /** The first {@code remaining} octets of a stream, then end of stream. */
    private static final class Prefix extends FilterInputStream {
        private long remaining;

        Prefix(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) return -1;
            int b = in.read();
            if (b >= 0) remaining--;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) return 0;
            if (remaining <= 0) return -1;
            int n = in.read(bytes, offset, (int) Math.min(length, remaining));
            if (n > 0) remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
