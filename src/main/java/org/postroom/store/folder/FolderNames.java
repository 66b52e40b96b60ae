package org.postroom.store.folder;

import java.util.Locale;
import java.util.Map;

/**
 * IMAP folder names and their Maildir++ folders: INBOX is the user's Maildir, {@code A/B} is {@code .A.B/} in it
 * (Dovecot's {@code LAYOUT=Maildir++} with {@code /} as the separator). Names arrive as the client wrote them
 * (modified UTF-7, RFC 3501 5.1.3) and are stored so, as Dovecot does.
 */
final class FolderNames {
    static final String INBOX = "INBOX";

    /** RFC 6154 special-use attributes of the standard names (top level only). */
    private static final Map<String, String> SPECIAL_USE = Map.of(
            "Sent", "\\Sent", "Drafts", "\\Drafts", "Trash", "\\Trash", "Junk", "\\Junk", "Archive", "\\Archive");

    private FolderNames() {}

    /** INBOX in any case is INBOX (RFC 3501 5.1); a trailing separator is dropped (RFC 3501 6.3.3). */
    static String normalize(String name) {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return n.equalsIgnoreCase(INBOX) ? INBOX : n;
    }

    static boolean isInbox(String name) {
        return normalize(name).equals(INBOX);
    }

    /**
     * Why the store cannot hold this name, or null when it can: a {@code .} is Maildir++'s separator on disk, empty
     * levels and wildcards would make names that LIST cannot give back, and INBOX has no children here.
     */
    static String refusal(String name) {
        if (name.isEmpty()) return "an empty name";
        if (name.length() > 200) return "a name longer than 200 characters";
        if (name.toUpperCase(Locale.ROOT).startsWith("INBOX/")) return "folders inside INBOX";
        for (String level : name.split("/", -1)) {
            if (level.isEmpty()) return "an empty level in the name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '%' || c == '*' || c == '\\' || c == '"' || c < ' ' || c > '~') {
                return "the character '" + (c < ' ' || c > '~' ? "\\u" + Integer.toHexString(c) : String.valueOf(c)) + "'";
            }
        }
        return null;
    }

    /** The folder's directory name in the user's Maildir: {@code .A.B}. */
    static String directory(String name) {
        return "." + name.replace('/', '.');
    }

    /** The IMAP name of a {@code .A.B} directory, or null when it is not a folder's. */
    static String fromDirectory(String directory) {
        if (directory.length() < 2 || directory.charAt(0) != '.' || directory.equals("..")) return null;
        String name = directory.substring(1).replace('.', '/');
        for (String level : name.split("/", -1)) if (level.isEmpty()) return null;
        return name;
    }

    static String specialUse(String name) {
        return SPECIAL_USE.get(name);
    }
}
