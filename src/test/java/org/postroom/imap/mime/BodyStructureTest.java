package org.postroom.imap.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.postroom.testing.ImapFetchGrammar;
import org.postroom.testing.MessageBytes;

/**
 * ENVELOPE, BODYSTRUCTURE and BODY of the corpus in {@code src/test/resources/mime/}, compared with what Dovecot
 * 2.3.19.1 answers for the same file: each {@code NAME.dovecot} is Dovecot's reply to {@code FETCH 1 (ENVELOPE
 * BODYSTRUCTURE BODY)} with the file as the only message of a Maildir, taken once with {@code /usr/lib/dovecot/imap}
 * (see docs/architecture.md, "IMAP: MIME, FETCH and SEARCH"). Where we answer differently on purpose, the test says what differs and why.
 * Every answer is also checked against RFC 3501 9's grammar by {@link ImapFetchGrammar}.
 */
class BodyStructureTest {

    @ParameterizedTest
    @ValueSource(strings = {"alternative-attachments", "digest", "header-only", "headers-2047"})
    void answersAsDovecotDoes(String name) throws IOException {
        assertThat(ours(name)).isEqualTo(dovecot(name));
    }

    /**
     * RFC 2046 5.1.1: the CRLF before a boundary belongs to the boundary. Dovecot keeps it in a message/rfc822 part
     * whose message ends with a close delimiter (387 octets, 18 lines); we do not (385, 17), so that BODY[2] is the
     * encapsulated message exactly.
     */
    @Test
    void aMessagePartEndsBeforeTheCrlfOfTheNextBoundary() throws IOException {
        String expected = dovecot("nested-rfc822").replace("\"7bit\" 387 ", "\"7bit\" 385 ").replace(") 18 NIL", ") 17 NIL").replace(") 18)", ") 17)");
        assertThat(ours("nested-rfc822")).isEqualTo(expected);
    }

    /** The same rule for an encoded message/rfc822 part (Dovecot: 30 octets, 1 line); its empty envelope and body are Dovecot's. */
    @Test
    void anEncodedMessagePartIsOpaqueWithAnEmptyEnvelope() throws IOException {
        String expected = dovecot("encoded-rfc822").replace("\"base64\" 30 ", "\"base64\" 28 ").replace(" 0 0 NIL NIL NIL NIL) 1 NIL", " 0 0 NIL NIL NIL NIL) 0 NIL")
                .replace(" 0 0) 1)", " 0 0) 0)");
        assertThat(ours("encoded-rfc822")).isEqualTo(expected);
    }

    /** Stored mail has CRLF; a bare LF before a boundary belongs to the boundary too (Dovecot counts it in the size). */
    @Test
    void bareLfLinesAreMeasuredByTheSameRule() throws IOException {
        assertThat(ours("bare-lf")).isEqualTo(dovecot("bare-lf").replace("\"7bit\" 18 1", "\"7bit\" 17 1"));
    }

    /** RFC 2045 5.2: without a boundary a multipart cannot be read; we show its body as text (Dovecot: an empty part). */
    @Test
    void aMultipartWithoutBoundaryIsShownAsItsText() throws IOException {
        String answer = ours("malformed-no-boundary");
        assertThat(answer).contains("BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 46 5 NIL NIL NIL NIL)");
    }

    /** A missing close delimiter: the last part runs to the end, as in Dovecot (which drops the unterminated quoted charset). */
    @Test
    void aMissingCloseDelimiterEndsTheLastPartAtTheEnd() throws IOException {
        assertThat(ours("malformed-no-close")).isEqualTo(dovecot("malformed-no-close").replace("\"us-ascii\") NIL NIL \"7bit\" 39", "\"utf-8\") NIL NIL \"7bit\" 39"));
    }

    /**
     * A header with no empty line, lines without colons, an invalid Content-Type (RFC 2045 5.2: the default, where
     * Dovecot shows {@code "" ""}) and broken addresses (each with Dovecot's MISSING_ placeholders, where Dovecot
     * gives up on the whole field): still a well-formed answer.
     */
    @Test
    void aBrokenHeaderStillGivesAWellFormedAnswer() throws IOException {
        String answer = ours("malformed-header");
        assertThat(answer).contains("BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"base64\" 0 0 NIL NIL NIL NIL)")
                .contains("(NIL NIL \"user\" \"MISSING_DOMAIN\")(NIL NIL \"MISSING_MAILBOX\" \"host\")(\"q\\\"x\" NIL \"q\" \"x\")");
    }

    /** Nesting is bounded ({@link MimeParser#MAX_DEPTH}): deeper parts are the text of the deepest one read (Dovecot reads all 40). */
    @Test
    void nestingBeyondTheBoundIsReadAsText() throws IOException {
        MimePart root = parse("deep-nesting");
        int depth = 0;
        MimePart part = root;
        while (!part.children().isEmpty()) {
            part = part.children().getFirst();
            depth++;
        }
        assertThat(depth).isEqualTo(MimeParser.MAX_DEPTH);
        assertThat(part.bodySize()).isGreaterThan(1000); // the 20 deeper levels, as text
        ImapFetchGrammar.parse(ours("deep-nesting"));
    }

    @Test
    void everyPartKnowsWhereItsHeaderAndBodyAre() throws IOException {
        MessageBytes message = MessageBytes.corpus("nested-rfc822.eml");
        MimePart root = MimeParser.parse(new ByteArrayInputStream(message.content()));
        MimePart forwarded = root.children().get(1);
        String text = new String(message.content(), StandardCharsets.ISO_8859_1);
        assertThat(text.substring((int) forwarded.headerStart(), (int) forwarded.bodyStart()))
                .isEqualTo("Content-Type: message/rfc822\r\nContent-Description: forwarded message\r\n\r\n");
        MimePart lunch = forwarded.message().children().getFirst();
        assertThat(text.substring((int) lunch.bodyStart(), (int) lunch.bodyEnd())).isEqualTo("Lunch at noon?\r\nBring the pizza voucher.");
        assertThat(lunch.bodyLines()).isEqualTo(1);
        assertThat(root.bodyEnd()).isEqualTo(message.content().length);
    }

    @Test
    void rfc2231ParametersAreJoinedAndDecodedForSearch() {
        HeaderValue value = HeaderValue.parse("attachment; filename*0*=utf-8''%C3%A4b; filename*1=c.pdf; size=12 (comment)");
        assertThat(value.value()).isEqualTo("attachment");
        assertThat(value.parameters()).containsExactly(new HeaderValue.Parameter("size", "12"),
                new HeaderValue.Parameter("filename*", "utf-8''%C3%A4bc.pdf"));
        assertThat(value.parameter("filename")).isEqualTo("äbc.pdf");
    }

    @Test
    void encodedWordsAreDecodedAcrossCharsetsAndTheBlankBetweenThemVanishes() {
        assertThat(EncodedWords.decode("=?UTF-8?Q?Stra=C3=9Fenfest_am_Samstag?= =?ISO-8859-1?Q?_=E0_bient=F4t?="))
                .isEqualTo("Straßenfest am Samstag à bientôt");
        assertThat(EncodedWords.decode("=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <j@x>")).isEqualTo("Jürgen Müller <j@x>");
        assertThat(EncodedWords.decode("caf\u00e9 =?bogus?Q?x?= =?utf-8?X?y?=")).isEqualTo("café x =?utf-8?X?y?=");
    }

    @Test
    void aFieldFullOfUnfinishedEncodedWordsIsDecodedInLinearTime() {
        for (String word : List.of("=?a?", "=?a?q?", "=?x-unknown?B?")) {
            String field = word.repeat(65_536);
            long start = System.nanoTime();
            int decoded = EncodedWords.decode(field).length();
            assertThat(System.nanoTime() - start).as(word + " gave " + decoded).isLessThan(2_000_000_000L);
        }
        StringBuilder manyNames = new StringBuilder(); // every word a charset never seen: the JDK's slow lookup, bounded
        for (int i = 0; i < 20_000; i++) manyNames.append("=?x-").append(i).append("?q?a?= ");
        long start = System.nanoTime();
        EncodedWords.decode(manyNames.toString());
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    static String ours(String name) throws IOException {
        MimePart root = parse(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapText.ascii(out, "* 1 FETCH (ENVELOPE ");
        EnvelopeWriter.write(out, root);
        ImapText.ascii(out, " BODYSTRUCTURE ");
        BodyStructureWriter.write(out, root, true);
        ImapText.ascii(out, " BODY ");
        BodyStructureWriter.write(out, root, false);
        ImapText.ascii(out, ")\r\n");
        String answer = out.toString(StandardCharsets.ISO_8859_1);
        ImapFetchGrammar.parse(answer);
        return answer;
    }

    static MimePart parse(String name) throws IOException {
        return MimeParser.parse(new ByteArrayInputStream(MessageBytes.corpus(name + ".eml").content()));
    }

    static String dovecot(String name) throws IOException {
        try (InputStream in = BodyStructureTest.class.getResourceAsStream("/mime/" + name + ".dovecot")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
