package org.postroom.imap.fetch;

import java.util.List;
import org.postroom.store.folder.MessageInfo;

/** A message's flags as RFC 3501 2.3.2 writes them: {@code (\Seen \Answered $Label1)}. */
public final class FlagNames {
    private FlagNames() {}

    /** The flag list, parenthesised; {@code keywords} is the folder's keyword table ({@code FolderSnapshot#keywords}). */
    public static String format(MessageInfo message, boolean recent, List<String> keywords) {
        StringBuilder s = new StringBuilder("(");
        add(s, message.has(MessageInfo.SEEN), "\\Seen");
        add(s, message.has(MessageInfo.ANSWERED), "\\Answered");
        add(s, message.has(MessageInfo.FLAGGED), "\\Flagged");
        add(s, message.has(MessageInfo.DELETED), "\\Deleted");
        add(s, message.has(MessageInfo.DRAFT), "\\Draft");
        add(s, recent, "\\Recent");
        long bits = message.keywords();
        for (int i = 0; i < keywords.size() && i < 64; i++) add(s, (bits & 1L << i) != 0, keywords.get(i));
        return s.append(')').toString();
    }

    private static void add(StringBuilder s, boolean set, String name) {
        if (!set) return;
        if (s.length() > 1) s.append(' ');
        s.append(name);
    }
}
