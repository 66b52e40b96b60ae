package org.postroom.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A write into the folder being restored failed (a full disk): told apart from a damaged archive, whose read errors
 * arrive in the same copy loop, so that the administrator is not sent to look at a good backup.
 */
final class TargetWriteException extends IOException {
    TargetWriteException(IOException cause) {
        super("cannot write the restored files: " + cause.getMessage(), cause);
    }

    /** An output stream whose failures are {@link TargetWriteException}s. */
    static final class Guard extends FilterOutputStream {
        Guard(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new TargetWriteException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new TargetWriteException(e);
            }
        }
    }
}
