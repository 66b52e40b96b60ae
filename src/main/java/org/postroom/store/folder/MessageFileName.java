package org.postroom.store.folder;

import java.util.Arrays;
import org.postroom.store.Maildir;

/**
 * A message file name in a Maildir++ folder, read and written the way Dovecot does:
 * {@code <unique>[,S=<size>][,W=<vsize>][,U=<uid>][:2,<letters>]}. The unique name (POP3's UIDL) is everything before
 * the first {@code ,} or {@code :} and never changes; Postroom adds {@code ,U=} (the IMAP UID) after the other fields.
 * The info letters are sorted ASCII, as Dovecot writes them: system flags in capitals (D draft, F flagged, R replied,
 * S seen, T trashed), then the folder's keywords as {@code a}–{@code z} ({@code dovecot-keywords} maps them).
 *
 * @param base the name up to the info, without any {@code ,U=} field (what a rename keeps)
 * @param size the {@code ,S=} field, or -1 when the name has none
 * @param uid the {@code ,U=} field, or 0 when the name has none
 * @param flags the system flags ({@link MessageInfo} bits)
 * @param keywordLetters bit {@code i} set for letter {@code 'a' + i}
 * @param otherLetters info letters Postroom does not interpret (P passed, ...), kept as they are; "" for none
 */
record MessageFileName(String uniqueName, String base, long size, long uid, int flags, int keywordLetters, String otherLetters) {
    private static final String INFO = ":2,";

    static MessageFileName parse(String fileName) {
        String uniqueName = Maildir.uniqueName(fileName);
        int colon = fileName.indexOf(':');
        String beforeInfo = colon < 0 ? fileName : fileName.substring(0, colon);
        long size = -1;
        long uid = 0;
        StringBuilder base = new StringBuilder(beforeInfo.length()).append(uniqueName);
        int at = uniqueName.length();
        while (at < beforeInfo.length()) { // fields: ",X=value" each
            int next = beforeInfo.indexOf(',', at + 1);
            if (next < 0) next = beforeInfo.length();
            String field = beforeInfo.substring(at, next);
            if (field.startsWith(",U=") && isNumber(field, 3)) {
                uid = Long.parseLong(field, 3, field.length(), 10);
            } else {
                if (field.startsWith(",S=") && isNumber(field, 3)) size = Long.parseLong(field, 3, field.length(), 10);
                base.append(field);
            }
            at = next;
        }
        int flags = 0;
        int keywords = 0;
        StringBuilder other = null; // rare: letters Postroom does not know
        if (colon >= 0 && fileName.startsWith(INFO, colon)) {
            for (int i = colon + INFO.length(); i < fileName.length(); i++) {
                char c = fileName.charAt(i);
                int flag = flagOf(c);
                if (flag != 0) flags |= flag;
                else if (c >= 'a' && c <= 'z') keywords |= 1 << (c - 'a');
                else if (c > ' ' && c < 127 && c != '/') {
                    if (other == null) other = new StringBuilder();
                    if (other.indexOf(String.valueOf(c)) < 0) other.append(c);
                }
            }
        } // other info kinds (":1,...") are experimental by the Maildir spec: dropped at the next rename
        String baseText = base.length() == beforeInfo.length() ? beforeInfo : base.toString();
        return new MessageFileName(uniqueName, baseText, size, uid, flags, keywords, other == null ? "" : other.toString());
    }

    private static boolean isNumber(String field, int from) {
        if (field.length() == from || field.length() - from > 18) return false;
        for (int i = from; i < field.length(); i++) if (!Character.isDigit(field.charAt(i))) return false;
        return true;
    }

    static int flagOf(char letter) {
        return switch (letter) {
            case 'D' -> MessageInfo.DRAFT;
            case 'F' -> MessageInfo.FLAGGED;
            case 'R' -> MessageInfo.ANSWERED;
            case 'S' -> MessageInfo.SEEN;
            case 'T' -> MessageInfo.DELETED;
            default -> 0;
        };
    }

    /** The file name with these values: {@code base,U=uid:2,letters}. */
    static String format(String base, long uid, int flags, int keywordLetters, String otherLetters) {
        StringBuilder letters = new StringBuilder(8).append(otherLetters);
        if ((flags & MessageInfo.DRAFT) != 0) letters.append('D');
        if ((flags & MessageInfo.FLAGGED) != 0) letters.append('F');
        if ((flags & MessageInfo.ANSWERED) != 0) letters.append('R');
        if ((flags & MessageInfo.SEEN) != 0) letters.append('S');
        if ((flags & MessageInfo.DELETED) != 0) letters.append('T');
        for (int i = 0; i < 26; i++) if ((keywordLetters & (1 << i)) != 0) letters.append((char) ('a' + i));
        char[] sorted = letters.toString().toCharArray();
        Arrays.sort(sorted); // Dovecot keeps the letters in ASCII order
        return base + ",U=" + uid + INFO + new String(sorted);
    }
}
