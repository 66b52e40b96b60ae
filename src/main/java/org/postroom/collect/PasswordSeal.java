package org.postroom.collect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.postroom.files.OwnerOnly;

/**
 * The provider passwords of collect accounts kept in the database, sealed with AES-256-GCM under a key of its own in
 * {@code data/secret.key} (32 random bytes, 0600, made at the first use). The collector must send the password
 * itself, so it cannot be hashed; sealed, a copy of {@code postroom.db} alone (a backup, a file attached to a bug
 * report, a {@code .dump}) gives nothing away, and the key file is checked for its mode at start like the other
 * secrets (server.SecretFiles). Each sealed value is bound to its account's name (GCM's associated data), so a row
 * copied to another name does not open. Format: {@code v1:} + base64(12-byte nonce, ciphertext and tag).
 */
public final class PasswordSeal {
    /** The key's file name inside the data folder. */
    public static final String KEY_FILE = "secret.key";
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;

    public PasswordSeal(Path dataDir) {
        this.keyFile = dataDir.resolve(KEY_FILE);
    }

    /** The sealed form of {@code password} for account {@code name}; an empty password stays empty. */
    public String seal(String name, String password) {
        if (password.isEmpty()) return "";
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = cipher(Cipher.ENCRYPT_MODE, key(true), nonce, name);
            byte[] sealed = c.doFinal(password.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a password: " + e, e);
        }
    }

    /** The password sealed by {@link #seal}; an {@link IllegalStateException} says why it cannot be opened. */
    public String open(String name, String sealed) {
        if (sealed.isEmpty()) return "";
        if (!sealed.startsWith(PREFIX)) throw new IllegalStateException("the stored password of account \"" + name + "\" is not in a known form");
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the stored password of account \"" + name + "\" is damaged");
        }
        if (in.length <= NONCE) throw new IllegalStateException("the stored password of account \"" + name + "\" is damaged");
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, key(false), Arrays.copyOf(in, NONCE), name);
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored password of account \"" + name + "\" does not open with " + keyFile
                    + " (another data folder's key?): set the password again");
        }
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a folder; the link is there all the same
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String name) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(("collect.account:" + name).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** The key, made (0600, synced) when {@code create} and there is none yet. */
    private byte[] key(boolean create) {
        try {
            if (create && !Files.exists(keyFile)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                // Written and synced under a name of its own, then linked: another process never reads half a key, and
                // a password sealed with it never outlives the key after a crash.
                Path tmp = keyFile.resolveSibling("." + KEY_FILE + "." + ProcessHandle.current().pid() + ".tmp");
                Files.deleteIfExists(tmp);
                try (FileChannel ch = OwnerOnly.createFile(tmp)) {
                    ByteBuffer b = ByteBuffer.wrap(fresh);
                    while (b.hasRemaining()) ch.write(b);
                    ch.force(true);
                }
                try {
                    Files.createLink(keyFile, tmp);
                    syncFolder(keyFile.getParent());
                } catch (FileAlreadyExistsException e) {
                    // another process made it meanwhile: use theirs
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != 32) throw new IllegalStateException(keyFile + " is not a 32-byte key");
            return key;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(keyFile + " is missing: the stored passwords cannot be read; set them again");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + keyFile + ": " + e.getMessage());
        }
    }
}
