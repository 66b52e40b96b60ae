package org.postroom.imap.fetch;

import java.util.List;
import org.postroom.imap.mime.MimePart;

/**
 * Where a {@link SectionSpec} lies in a message's octets (RFC 3501 6.4.5): the part numbers walk the structure, a
 * message/rfc822 part's numbers continue inside its message, and part 1 of a single-part entity is that entity.
 * Beyond RFC 3501 we answer as Dovecot does: a part that does not exist, or HEADER/TEXT of a part that is no
 * message, is an empty string, not an error.
 */
final class Sections {
    private Sections() {}

    /**
     * The octet range, end exclusive.
     *
     * @param filtered whether HEADER.FIELDS(.NOT) still picks fields out of this (header) range
     */
    record Range(long start, long end, boolean filtered) {
        static final Range EMPTY = new Range(0, 0, false);

        long length() {
            return end - start;
        }
    }

    /**
     * @param root the message's structure (its {@code bodyEnd} may be -1 when only the header was read)
     * @param size the message's size, for the end of the whole message when the body was not read
     */
    static Range locate(MimePart root, SectionSpec spec, long size) {
        long messageEnd = root.bodyEnd() >= 0 ? root.bodyEnd() : size;
        List<Integer> path = spec.part();
        MimePart part = root;
        MimePart container = root;
        for (int i = 0; i < path.size(); i++) {
            int k = path.get(i);
            List<MimePart> children = container.children();
            if (!children.isEmpty()) part = k <= children.size() ? children.get(k - 1) : null;
            else part = k == 1 ? container : null;
            if (part == null) return Range.EMPTY;
            container = part.message() != null ? part.message() : part;
        }
        boolean filtered = spec.text() == SectionSpec.Text.HEADER_FIELDS || spec.text() == SectionSpec.Text.HEADER_FIELDS_NOT;
        switch (spec.text()) {
            case NONE -> {
                if (path.isEmpty()) return new Range(0, messageEnd, false);
                return new Range(part.bodyStart(), part.bodyEnd(), false);
            }
            case MIME -> {
                return new Range(part.headerStart(), part.bodyStart(), false);
            }
            default -> {
                MimePart message = path.isEmpty() ? root : part.message();
                if (message == null) return Range.EMPTY;
                if (spec.text() == SectionSpec.Text.TEXT) {
                    long end = message == root ? messageEnd : message.bodyEnd();
                    return new Range(message.bodyStart(), Math.max(message.bodyStart(), end), false);
                }
                return new Range(message.headerStart(), message.bodyStart(), filtered);
            }
        }
    }
}
