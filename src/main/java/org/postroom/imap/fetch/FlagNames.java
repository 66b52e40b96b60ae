package org.postroom.imap.fetch;

import java.util.List;
import org.postroom.store.folder.MessageInfo;

/** A message's flags as RFC 3501 2.3.2 writes them: {@code (\Seen \Answered $Label1)}. */
public final class FlagNames {
    private FlagNames() {}

    /** The flag list, parenthesised; {@code keywords} is the folder's keyword table ({@code FolderSnapshot#keywords}). */
    public static String format(MessageInfo message, boolean recent, List<String> keywords) {
        StringBuilder s = new StringBuilder();
        append(s, message, recent, keywords);
        return s.toString();
    }

    /** The flag list appended to {@code s}. */
    public static void append(StringBuilder s, MessageInfo message, boolean recent, List<String> keywords) {
        int start = s.length();
        s.append('(');
        add(s, start, message.has(MessageInfo.SEEN), "\\Seen");
        add(s, start, message.has(MessageInfo.ANSWERED), "\\Answered");
        add(s, start, message.has(MessageInfo.FLAGGED), "\\Flagged");
        add(s, start, message.has(MessageInfo.DELETED), "\\Deleted");
        add(s, start, message.has(MessageInfo.DRAFT), "\\Draft");
        add(s, start, recent, "\\Recent");
        long bits = message.keywords();
        for (int i = 0; bits != 0 && i < keywords.size() && i < 64; i++) add(s, start, (bits & 1L << i) != 0, keywords.get(i));
        s.append(')');
    }

    private static void add(StringBuilder s, int start, boolean set, String name) {
        if (!set) return;
        if (s.length() > start + 1) s.append(' ');
        s.append(name);
    }
}
