package org.postroom.collect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Whether a downloaded message has a header section the collector can sort by (RFC 5322 2.2): it must start with a
 * header field, and its header section must end within {@link MessageHeaders#MAX_BYTES}, or its recipients cannot
 * be read. Such a message is not filed into anyone's mailbox: it goes to the unresolved destination, attached. It
 * parses no field (that is {@link org.postroom.message.HeaderScanner}'s job, which skips what is not a field): it only
 * says whether there is a header section to parse.
 */
final class HeaderSectionCheck {
    private HeaderSectionCheck() {}

    /** What is wrong with the message's header section, or empty when nothing is. */
    static Optional<String> problem(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) return Optional.of("unparseable: the message is empty");
        // RFC 5322 2.2: field-name is printable US-ASCII but the colon; obsolete syntax (4.5.6) allows blanks before the colon.
        boolean nameSeen = false;
        boolean blanks = false;
        while (true) {
            if (b == ':' && nameSeen) break;
            if (b == ' ' || b == '\t') {
                if (!nameSeen) return notAField();
                blanks = true;
            } else if (b > 32 && b < 127 && b != ':' && !blanks) {
                nameSeen = true;
            } else {
                return notAField();
            }
            b = in.read();
            if (b < 0) return notAField();
        }
        // The rest of the header section: it ends at an empty line, or with the message.
        long read = 0;
        boolean atLineStart = false;
        while ((b = in.read()) >= 0) {
            if (++read > MessageHeaders.MAX_BYTES) {
                return Optional.of("unparseable: the header section is larger than " + (MessageHeaders.MAX_BYTES >> 10) + " KiB");
            }
            if (atLineStart && (b == '\r' || b == '\n')) break;
            atLineStart = b == '\n';
        }
        return Optional.empty();
    }

    private static Optional<String> notAField() {
        return Optional.of("unparseable: the message does not start with a header field");
    }
}
