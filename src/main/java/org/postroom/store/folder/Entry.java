package org.postroom.store.folder;

/**
 * One message as the folder holds it: what sessions see ({@link MessageInfo}) and what its file name needs beyond
 * that. Kept small, since a folder holds one per message: {@code unusualBase} is null when it is the usual
 * {@code <unique>,S=<size>}, {@code otherLetters} is "" when the name has no info letters Postroom does not know.
 */
record Entry(MessageInfo info, String unusualBase, String otherLetters) {
    static Entry of(MessageInfo info, String base, String otherLetters) {
        return new Entry(info, isUsual(base, info) ? null : base, otherLetters.isEmpty() ? "" : otherLetters);
    }

    /** Whether {@code base} is {@code <unique>,S=<size>}, checked without building that string (100,000 per load). */
    private static boolean isUsual(String base, MessageInfo info) {
        String unique = info.uniqueName();
        int at = unique.length();
        if (!base.startsWith(unique) || !base.startsWith(",S=", at)) return false;
        at += 3;
        if (at == base.length() || base.length() - at > 18) return false;
        long size = 0;
        for (int i = at; i < base.length(); i++) {
            char c = base.charAt(i);
            if (c < '0' || c > '9') return false;
            size = size * 10 + (c - '0');
        }
        return size == info.size() && (base.charAt(at) != '0' || base.length() == at + 1);
    }

    /** The name up to the info, without {@code ,U=}. */
    String base() {
        return unusualBase != null ? unusualBase : info.uniqueName() + ",S=" + info.size();
    }

    long uid() {
        return info.uid();
    }

    String fileName() {
        return MessageFileName.format(base(), info.uid(), info.flags(), (int) info.keywords(), otherLetters);
    }

    Entry with(int flags, long keywords, long modSeq) {
        return new Entry(new MessageInfo(info.uid(), info.uniqueName(), info.size(), flags, keywords, modSeq), unusualBase, otherLetters);
    }
}
