package org.postroom.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.postroom.message.MailAddress;

/**
 * Maps a user's address to a folder name. Local parts may legally hold {@code /}, {@code ..} and other bytes
 * that must never reach a path, so everything outside a safe set is percent-encoded.
 */
final class MailboxNames {
    private MailboxNames() {}

    static String folderFor(String part) {
        byte[] bytes = part.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean safe = (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '_' || b == '-' || b == '+' || (b == '.' && i > 0);
            if (safe) out.append((char) b);
            else out.append('%').append(String.format("%02X", b));
        }
        return out.toString();
    }

    static String[] pathFor(MailAddress user) {
        return new String[] {folderFor(user.domain()), folderFor(user.localPart())};
    }
}
