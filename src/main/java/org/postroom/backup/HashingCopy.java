package org.postroom.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Copies a stream while counting its bytes and computing their SHA-256, in one read. */
final class HashingCopy {
    private static final int BUFFER = 64 * 1024;

    record Result(long size, String sha256) {}

    private HashingCopy() {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Copies {@code in} to {@code out} (which may be null: only hash). */
    static Result copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
            if (out != null) out.write(buffer, 0, n);
            size += n;
        }
        return new Result(size, HexFormat.of().formatHex(digest.digest()));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}
