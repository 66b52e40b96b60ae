package org.postroom.imap.fetch;

import java.util.List;

/** One {@code fetch-att} of RFC 3501 6.4.5 (and RFC 7162's MODSEQ, RFC 3516's BINARY), as parsed. */
public sealed interface FetchItem permits FetchItem.Simple, FetchItem.Section, FetchItem.BinarySize {

    /** The attributes that take no section. {@code BODY} alone is the non-extensible BODYSTRUCTURE. */
    enum Simple implements FetchItem {
        FLAGS("FLAGS"), UID("UID"), INTERNALDATE("INTERNALDATE"), RFC822_SIZE("RFC822.SIZE"), ENVELOPE("ENVELOPE"),
        BODYSTRUCTURE("BODYSTRUCTURE"), BODY("BODY"), MODSEQ("MODSEQ");

        private final String wireName;

        Simple(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** How a section was asked for: its name in the response, and whether it sets \Seen. */
    enum Kind {
        /** {@code BODY[...]} or {@code BODY.PEEK[...]}. */
        BODY,
        /** RFC 3516 {@code BINARY[...]}: the content transfer encoding undone. */
        BINARY,
        /** {@code RFC822}: {@code BODY[]}, named RFC822. */
        RFC822,
        /** {@code RFC822.HEADER}: {@code BODY.PEEK[HEADER]}. */
        RFC822_HEADER,
        /** {@code RFC822.TEXT}: {@code BODY[TEXT]}. */
        RFC822_TEXT
    }

    /**
     * A body section, whole or partial.
     *
     * @param peek true for BODY.PEEK, BINARY.PEEK and RFC822.HEADER: \Seen is not set (RFC 3501 6.4.5)
     * @param origin the first octet of a partial fetch ({@code <origin.count>}), or -1 for the whole section
     * @param count the most octets of a partial fetch
     */
    record Section(Kind kind, boolean peek, SectionSpec spec, long origin, long count) implements FetchItem {
        public boolean isPartial() {
            return origin >= 0;
        }
    }

    /** RFC 3516 {@code BINARY.SIZE[part]}: the decoded size of a part. */
    record BinarySize(List<Integer> part) implements FetchItem {}
}
