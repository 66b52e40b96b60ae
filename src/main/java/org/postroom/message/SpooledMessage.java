package org.postroom.message;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.postroom.files.OwnerOnly;

/**
 * The bytes of one message as they arrive: kept in memory up to a threshold, then spilled to a temporary file,
 * so a 5 KiB message costs no disk I/O before delivery and a 100 MiB one costs no heap. Not durable: delivery
 * makes the durable copy. {@link #close()} removes the temporary file.
 *
 * <p>A write to the spill file that fails (the disk is full) does not throw: the file is removed at once, so a
 * full disk is not kept full by a message nobody will accept, and the rest of the message is counted but
 * dropped, so the protocol reading it stays in step with its peer and can still answer. The caller asks
 * {@link #spillFailure()} at the end; reading a message whose spill failed ({@link #open()}, {@link #copyTo})
 * throws {@link SpillFailedException}, so a caller that forgets cannot pass on half a message.
 */
public final class SpooledMessage extends OutputStream implements Closeable {
    private final Path spillDir;
    private final int threshold;
    private byte[] memory = new byte[8192];
    private int memoryLength;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private IOException spillFailure;

    public SpooledMessage(Path spillDir, int threshold) {
        this.spillDir = spillDir;
        this.threshold = threshold;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        size += length;
        if (spillFailure != null) return; // counted, dropped: the message is refused at its end
        try {
            if (fileOut == null && memoryLength + length > threshold) spill();
            if (fileOut != null) {
                fileOut.write(bytes, offset, length);
                return;
            }
        } catch (IOException e) {
            failed(e);
            return;
        }
        if (memoryLength + length > memory.length) memory = Arrays.copyOf(memory, Math.max(memory.length * 2, memoryLength + length));
        System.arraycopy(bytes, offset, memory, memoryLength, length);
        memoryLength += length;
    }

    private void spill() throws IOException {
        OwnerOnly.createDirectories(spillDir); // 0700; createTempFile makes the file 0600
        file = Files.createTempFile(spillDir, "incoming-", ".eml");
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 65536);
        byte[] held = memory;
        int heldLength = memoryLength;
        memory = null; // from here the file holds the message, also when this first write fails
        memoryLength = 0;
        fileOut.write(held, 0, heldLength);
    }

    /** The spill file could not be written: remove it now, keep the cause. */
    private void failed(IOException cause) {
        spillFailure = cause;
        memory = null;
        memoryLength = 0;
        removeFile();
    }

    /** Why the message could not be kept (typically "No space left on device"), if it could not. */
    public Optional<IOException> spillFailure() {
        return Optional.ofNullable(spillFailure);
    }

    /** Octets written, including any dropped after a spill failure. */
    public long size() {
        return size;
    }

    /** Reads the message from the start; call after the last write. */
    public InputStream open() throws IOException {
        checkKept();
        if (fileOut != null) {
            fileOut.flush();
            return Files.newInputStream(file);
        }
        return new ByteArrayInputStream(memory, 0, memoryLength);
    }

    /** Writes the whole message to {@code out}. */
    public void copyTo(OutputStream out) throws IOException {
        checkKept();
        if (fileOut == null) {
            out.write(memory, 0, memoryLength);
        } else {
            try (InputStream in = open()) {
                in.transferTo(out);
            }
        }
    }

    private void checkKept() throws SpillFailedException {
        if (spillFailure != null) throw new SpillFailedException(spillFailure);
    }

    /** Removes the spill file, also when its last buffered bytes cannot be written (a full disk). */
    @Override
    public void close() throws IOException {
        removeFile();
        memory = null;
    }

    private void removeFile() {
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException e) {
                // the buffered rest could not be written: the file goes anyway
            }
            fileOut = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left for the clean-up at the next start (DataFolder empties the spill folders)
            }
            file = null;
        }
    }

    /** The message was not kept because its spill file could not be written. */
    public static final class SpillFailedException extends IOException {
        SpillFailedException(IOException cause) {
            super("the message could not be written to disk: " + cause.getMessage(), cause);
        }
    }
}
