package org.postroom.pop3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The unique-id listing of a message (RFC 1939 7, UIDL): 1 to 70 characters in 0x21..0x7E, the same for the
 * message in every session, unique within the mailbox.
 *
 * <p>It is the Maildir unique name, which already has those properties: it never changes when the message moves
 * to {@code cur/} or gains flags, and no two messages in a Maildir share it. A unique name that is too long or
 * holds other characters (a long host name, or a file written by another program) is replaced by a hash of
 * itself: {@code H} and 43 characters of base64url SHA-256, still stable and, in practice, unique.
 */
public final class Uidl {
    public static final int MAX_LENGTH = 70;

    private Uidl() {}

    public static String of(String uniqueName) {
        if (isLegal(uniqueName)) return uniqueName;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uniqueName.getBytes(StandardCharsets.UTF_8));
            return "H" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** RFC 1939 7: {@code unique-id = 1*70 uchar}, {@code uchar} being 0x21..0x7E. */
    public static boolean isLegal(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) return false;
        }
        return true;
    }
}
