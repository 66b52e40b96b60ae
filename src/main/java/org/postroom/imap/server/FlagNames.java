package org.postroom.imap.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postroom.store.folder.MessageInfo;

/**
 * The system flags' IMAP names (RFC 3501 2.3.2) and the {@link MessageInfo} bits they are stored as, and the flag
 * lists of FLAGS, PERMANENTFLAGS and FETCH responses.
 */
final class FlagNames {
    private FlagNames() {}

    /** The five flags a client may set, in the order Dovecot lists them (clients show them in that order). */
    private static final String[] NAMES = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"};
    private static final int[] BITS = {MessageInfo.ANSWERED, MessageInfo.FLAGGED, MessageInfo.DELETED, MessageInfo.SEEN, MessageInfo.DRAFT};

    /** The bit of system flag {@code name} (any case), 0 for {@code \Recent} (not settable, ignored), -1 if unknown. */
    static int bit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) return BITS[i];
        }
        return name.toLowerCase(Locale.ROOT).equals("\\recent") ? 0 : -1;
    }

    /** {@code \Seen \Flagged $Junk}: the message's flags and keywords, no parentheses. */
    static String of(MessageInfo message, List<String> keywords) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((message.flags() & BITS[i]) != 0) append(s, NAMES[i]);
        }
        long bits = message.keywords();
        for (int i = 0; bits != 0 && i < keywords.size() && i < 64; i++) {
            if ((bits & (1L << i)) != 0) append(s, keywords.get(i));
        }
        return s.toString();
    }

    /** The names for {@code * FLAGS (...)}: the system flags and the folder's keywords (RFC 3501 7.2.6). */
    static List<String> defined(List<String> keywords) {
        List<String> all = new ArrayList<>(List.of(NAMES));
        all.addAll(keywords);
        return all;
    }

    /**
     * PERMANENTFLAGS (RFC 3501 7.1): all of them, and {@code \*} (new keywords may be made), or none in a read-only
     * folder.
     */
    static List<String> permanent(List<String> keywords, boolean readOnly) {
        if (readOnly) return List.of();
        List<String> all = defined(keywords);
        all.add("\\*");
        return all;
    }

    private static void append(StringBuilder s, String name) {
        if (!s.isEmpty()) s.append(' ');
        s.append(name);
    }
}
