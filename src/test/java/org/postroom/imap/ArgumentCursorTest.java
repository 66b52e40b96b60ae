package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argument cursor over RFC 3501 9's grammar, with the literals of a command given as its lines and octets. */
class ArgumentCursorTest {
    /** A command as the wire has it: lines and literal octets in turn. */
    static final class Wire implements LiteralSource {
        final Deque<byte[]> parts = new ArrayDeque<>();
        int continuations;

        Wire(String... parts) {
            for (String p : parts) this.parts.add(p.getBytes(StandardCharsets.UTF_8));
        }

        ArgumentCursor cursor() {
            return new ArgumentCursor(parts.removeFirst(), this);
        }

        @Override
        public byte[] literal(long size, boolean nonSynchronizing) throws ImapSyntaxException {
            if (size > 100) throw new ImapSyntaxException(ResponseCode.TOOBIG, "Literal too big");
            if (!nonSynchronizing) continuations++;
            byte[] bytes = parts.removeFirst();
            assertThat(bytes).hasSize((int) size);
            return bytes;
        }

        @Override
        public InputStream stream(long size, boolean nonSynchronizing, long limit) {
            return new ByteArrayInputStream(parts.removeFirst());
        }

        @Override
        public byte[] nextLine() {
            return parts.removeFirst();
        }
    }

    @Test
    void tagVerbAndAstringsOfEveryForm() throws Exception {
        Wire wire = new Wire("a1 LOGIN \"al\\\"ice\" {3}", "p w", " atom]x");
        ArgumentCursor c = wire.cursor();
        assertThat(c.tag()).isEqualTo("a1");
        c.space();
        assertThat(c.keyword()).isEqualTo("LOGIN");
        c.space();
        assertThat(c.astring()).isEqualTo("al\"ice");
        c.space();
        assertThat(c.astring()).isEqualTo("p w");
        assertThat(wire.continuations).isEqualTo(1);
        c.space();
        assertThat(c.astring()).isEqualTo("atom]x");
        c.end();
    }

    @Test
    void errorsNameWhatWasExpected() {
        assertThatThrownBy(() -> new Wire("+tag NOOP").cursor().tag()).hasMessage("Missing or invalid tag");
        assertThatThrownBy(() -> {
            ArgumentCursor c = new Wire("a NOOP x").cursor();
            c.tag();
            c.space();
            c.keyword();
            c.end();
        }).isInstanceOf(ImapSyntaxException.class).hasMessage("Unexpected extra arguments");
        assertThatThrownBy(() -> new Wire("\"open").cursor().astring()).hasMessage("Unterminated quoted string");
        assertThatThrownBy(() -> new Wire("\"a\\b\"").cursor().astring()).hasMessage("Invalid escape in a quoted string");
        assertThatThrownBy(() -> new Wire("{5} x").cursor().astring()).hasMessage("A literal must end its line");
        assertThatThrownBy(() -> new Wire("{500}").cursor().astring()).hasMessage("Literal too big");
    }

    @Test
    void inboxInAnyCaseIsInbox() throws Exception {
        assertThat(new Wire("inbox").cursor().mailbox()).isEqualTo("INBOX");
        assertThat(new Wire("InBox/Sub").cursor().mailbox()).isEqualTo("INBOX/Sub");
        assertThat(new Wire("Inboxes").cursor().mailbox()).isEqualTo("Inboxes");
        assertThat(new Wire("\"&AMQ-pfel\"").cursor().mailbox()).isEqualTo("&AMQ-pfel"); // modified UTF-7 passes through
    }

    @Test
    void nstringFlagsNumbersDates() throws Exception {
        ArgumentCursor c = new Wire("NIL (\\Seen $Forwarded \\Draft) 4294967295 \"7-Dec-2026 10:00:00 +0100\" 1-Feb-2024").cursor();
        assertThat(c.nstring()).isNull();
        c.space();
        assertThat(c.flagList()).containsExactly("\\Seen", "$Forwarded", "\\Draft");
        c.space();
        assertThat(c.number()).isEqualTo(4294967295L);
        c.space();
        assertThat(c.dateTime()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        c.space();
        assertThat(c.date()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThatThrownBy(() -> new Wire("4294967296").cursor().number()).hasMessage("Number out of range");
        assertThatThrownBy(() -> new Wire("\"31-Feb-2024 10:00:00 +0000\"").cursor().dateTime()).hasMessageStartingWith("Invalid date");
        assertThat(new Wire("\" 7-Dec-2026 10:00:00 -0030\"").cursor().dateTime()).isEqualTo(Instant.parse("2026-12-07T10:30:00Z"));
    }

    @Test
    void sequenceSets() throws Exception {
        SequenceSet set = new Wire("1:3,7,9:*,*").cursor().sequenceSet();
        assertThat(set.contains(2, 100)).isTrue();
        assertThat(set.contains(5, 100)).isFalse();
        assertThat(set.contains(50, 100)).isTrue();
        assertThat(set.toString()).isEqualTo("1:3,7,9:*,*");
        // RFC 3501 6.4.8: 7:* with 7 beyond the largest is the largest
        assertThat(SequenceSet.parse("7:*").contains(5, 5)).isTrue();
        assertThat(SequenceSet.parse("4:2").contains(3, 10)).isTrue();
        assertThatThrownBy(() -> SequenceSet.parse("0")).hasMessageStartingWith("Invalid sequence set");
        assertThatThrownBy(() -> SequenceSet.parse("1,,2")).hasMessageStartingWith("Invalid sequence set");
        assertThatThrownBy(() -> SequenceSet.parse("1:")).hasMessageStartingWith("Invalid sequence set");
        assertThat(SequenceSet.format(List.of(1L, 2L, 3L, 5L, 7L, 8L))).isEqualTo("1:3,5,7:8");
    }

    @Test
    void aStreamedLiteralIsFollowedByTheRestOfTheCommand() throws Exception {
        Wire wire = new Wire("a APPEND INBOX {5}", "hello", " extra");
        ArgumentCursor c = wire.cursor();
        c.tag();
        c.space();
        c.keyword();
        c.space();
        c.mailbox();
        c.space();
        assertThat(c.literalSizeAhead()).isEqualTo(5);
        ArgumentCursor.Literal literal = c.literalStream(100);
        assertThat(new String(literal.content().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThatThrownBy(c::end).hasMessage("Unexpected extra arguments");
    }
}
