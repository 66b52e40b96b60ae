package org.postroom.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.LiteralSource;
import org.postroom.imap.SequenceSet;

/**
 * Fuzzes the IMAP argument cursor: for any command line, each reading method either returns or throws
 * {@link ImapSyntaxException} (answered BAD), never anything else, and never reads past the command (a literal asks
 * the source, which here has nothing more to give).
 */
class ImapArgumentFuzzTest {
    /** A source with no more input: asking it for anything is "the client sent nothing more". */
    private static final LiteralSource EMPTY = new LiteralSource() {
        @Override
        public byte[] literal(long size, boolean nonSynchronizing) throws ImapSyntaxException {
            throw new ImapSyntaxException("no more input");
        }

        @Override
        public InputStream stream(long size, boolean nonSynchronizing, long limit) {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public byte[] nextLine() throws ImapSyntaxException {
            throw new ImapSyntaxException("no more input");
        }
    };

    @Provide
    Arbitrary<String> imapish() {
        return Arbitraries.strings().withChars("aZ09 ()[]{}<>\"\\*%:,.+-$~!\u00e9\u0000\t").ofMaxLength(80);
    }

    @Property(tries = 5000)
    void everyReadingMethodReturnsOrThrowsOnlySyntaxErrors(@ForAll("imapish") String text, @ForAll("method") int method) throws IOException {
        ArgumentCursor c = new ArgumentCursor(text.getBytes(StandardCharsets.UTF_8), EMPTY);
        try {
            for (int i = 0; i < 20 && !c.atEnd(); i++) {
                read(c, (method + i) % 12);
                if (c.peek() == ' ') c.space();
            }
        } catch (ImapSyntaxException e) {
            // answered BAD
        }
    }

    @Provide
    Arbitrary<Integer> method() {
        return Arbitraries.integers().between(0, 11);
    }

    @Property(tries = 3000)
    void sequenceSetsThatParseFormatBackToThemselves(@ForAll("sets") String text) {
        try {
            SequenceSet set = SequenceSet.parse(text);
            if (!SequenceSet.parse(set.toString()).equals(set)) throw new AssertionError(text + " -> " + set);
        } catch (ImapSyntaxException e) {
            // refused
        }
    }

    @Provide
    Arbitrary<String> sets() {
        return Arbitraries.strings().withChars("0123456789:,*").ofMaxLength(30);
    }

    private static void read(ArgumentCursor c, int method) throws IOException, ImapSyntaxException {
        switch (method) {
            case 0 -> c.tag();
            case 1 -> c.atom();
            case 2 -> c.astring();
            case 3 -> c.nstring();
            case 4 -> c.mailbox();
            case 5 -> c.listMailbox();
            case 6 -> c.number();
            case 7 -> c.sequenceSet();
            case 8 -> c.flagList();
            case 9 -> c.dateTime();
            case 10 -> c.date();
            default -> c.string();
        }
    }
}
