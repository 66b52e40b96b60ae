package org.postroom.store.folder;

/**
 * One message as the folder holds it: what sessions see ({@link MessageInfo}) and what its file name needs beyond
 * that. Kept small, since a folder holds one per message: {@code unusualBase} is null when it is the usual
 * {@code <unique>,S=<size>}, {@code otherLetters} is "" when the name has no info letters Postroom does not know.
 */
record Entry(MessageInfo info, String unusualBase, String otherLetters) {
    static Entry of(MessageInfo info, String base, String otherLetters) {
        String usual = info.uniqueName() + ",S=" + info.size();
        return new Entry(info, base.equals(usual) ? null : base, otherLetters.isEmpty() ? "" : otherLetters);
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
