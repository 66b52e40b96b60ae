package org.postroom.message;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.postroom.files.OwnerOnly;

/**
 * The bytes of one message as they arrive: kept in memory up to a threshold, then spilled to a temporary file,
 * so a 5 KiB message costs no disk I/O before delivery and a 100 MiB one costs no heap. Not durable: delivery
 * makes the durable copy. {@link #close()} removes the temporary file.
 */
public final class SpooledMessage extends OutputStream implements Closeable {
    private final Path spillDir;
    private final int threshold;
    private byte[] memory = new byte[8192];
    private int memoryLength;
    private Path file;
    private OutputStream fileOut;
    private long size;

    public SpooledMessage(Path spillDir, int threshold) {
        this.spillDir = spillDir;
        this.threshold = threshold;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (fileOut == null && memoryLength + length > threshold) spill();
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            if (memoryLength + length > memory.length) memory = Arrays.copyOf(memory, Math.max(memory.length * 2, memoryLength + length));
            System.arraycopy(bytes, offset, memory, memoryLength, length);
            memoryLength += length;
        }
        size += length;
    }

    private void spill() throws IOException {
        OwnerOnly.createDirectories(spillDir); // 0700; createTempFile makes the file 0600
        file = Files.createTempFile(spillDir, "incoming-", ".eml");
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 65536);
        fileOut.write(memory, 0, memoryLength);
        memory = null;
        memoryLength = 0;
    }

    public long size() {
        return size;
    }

    /** Reads the message from the start; call after the last write. */
    public InputStream open() throws IOException {
        if (fileOut != null) {
            fileOut.flush();
            return Files.newInputStream(file);
        }
        return new ByteArrayInputStream(memory, 0, memoryLength);
    }

    /** Writes the whole message to {@code out}. */
    public void copyTo(OutputStream out) throws IOException {
        if (fileOut == null) {
            out.write(memory, 0, memoryLength);
        } else {
            try (InputStream in = open()) {
                in.transferTo(out);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            Files.deleteIfExists(file);
            fileOut = null;
        }
        memory = null;
    }
}
