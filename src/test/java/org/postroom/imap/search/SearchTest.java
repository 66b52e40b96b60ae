package org.postroom.imap.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.fetch.MessageView;
import org.postroom.imap.fetch.StructureCache;
import org.postroom.store.folder.MessageInfo;
import org.postroom.testing.ImapArguments;
import org.postroom.testing.MessageBytes;

/**
 * SEARCH programs (RFC 3501 6.4.4) parsed from the cursor and tested on the corpus in {@code src/test/resources/mime/}:
 * header keys decode RFC 2047 and raw 8-bit text, BODY and TEXT decode base64 and quoted-printable and the charset,
 * matching is a case-insensitive substring; keys over flags, sizes and numbers open no file.
 */
class SearchTest {
    /** Folder of 10 messages (UIDs up to 100); the one tested is number 3, UID 30. */
    private static final SearchProgram.Context CONTEXT = new SearchProgram.Context(10, 100, ZoneOffset.ofHours(1), new StructureCache(8));

    @Test
    void headerKeysDecodeEncodedWordsInAnyCharsetIgnoringCase() throws Exception {
        MessageBytes m = MessageBytes.corpus("headers-2047.eml");
        assertThat(matches("SUBJECT \"straßenfest\"", m)).isTrue();
        assertThat(matches("CHARSET UTF-8 SUBJECT {8}\r\nBIENTÔT", m)).isTrue(); // ISO-8859-1 Q word, upper case asked
        assertThat(matches("FROM \"Jürgen Müller\"", m)).isTrue();
        assertThat(matches("FROM juergen@example.de", m)).isTrue();
        assertThat(matches("TO \"françois\"", m)).isTrue();
        assertThat(matches("BCC \"hidden person\"", m)).isTrue();
        assertThat(matches("SUBJECT lunch", m)).isFalse();
    }

    @Test
    void rawEightBitHeadersAreReadAsUtf8OrLatin1() throws Exception {
        MessageBytes m = MessageBytes.corpus("headers-2047.eml");
        assertThat(matches("HEADER X-Raw-Latin1 \"CAFÉ CRÈME\"", m)).isTrue();
        assertThat(matches("HEADER Keywords \"straße\"", m)).isTrue();
    }

    @Test
    void headerKeysDecodeRfc2231Parameters() throws Exception {
        byte[] content = ("From: a@example.com\r\nContent-Type: text/plain\r\nContent-Disposition: inline;\r\n filename*0*=utf-8''Gr%C3%BC%C3%9Fe;"
                + " filename*1=.txt\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);
        MessageBytes m = new MessageBytes(content, java.time.Instant.EPOCH);
        assertThat(matches("HEADER Content-Disposition \"grüße.txt\"", m)).isTrue();
        assertThat(matches("HEADER Content-Disposition inline", m)).isTrue();
    }

    @Test
    void anEmptyHeaderTextMatchesEveryMessageWithTheField() throws Exception {
        MessageBytes m = MessageBytes.corpus("headers-2047.eml");
        assertThat(matches("HEADER Message-ID \"\"", m)).isTrue();
        assertThat(matches("HEADER X-Not-There \"\"", m)).isFalse();
    }

    @Test
    void bodyDecodesQuotedPrintableAndTheCharset() throws Exception {
        MessageBytes m = MessageBytes.corpus("headers-2047.eml");
        assertThat(matches("BODY \"straßenfest\"", m)).isTrue(); // =DF in ISO-8859-1
        assertThat(matches("BODY \"kuchen gibt\"", m)).isTrue(); // across a soft line break
        assertThat(matches("BODY nachbarn", m)).isTrue();
        assertThat(matches("BODY juergen", m)).isFalse(); // a header is no body
        assertThat(matches("TEXT juergen", m)).isTrue();
    }

    @Test
    void bodyReadsEveryTextPartAndNoAttachment() throws Exception {
        MessageBytes m = MessageBytes.corpus("alternative-attachments.eml");
        assertThat(matches("BODY \"MIT ÖL\"", m)).isTrue(); // base64 UTF-8 HTML
        assertThat(matches("BODY \"for the fourth quarter\"", m)).isTrue(); // quoted-printable with a soft break
        assertThat(matches("BODY \"fake pdf content\"", m)).isFalse(); // application/pdf is not text
        assertThat(matches("BODY quarterly", m)).isFalse();
        assertThat(matches("TEXT quarterly", m)).isTrue();
        assertThat(matches("BODY \"\"", m)).isTrue();
    }

    @Test
    void bodyReadsTheTextOfAnAttachedMessage() throws Exception {
        assertThat(matches("BODY \"pizza voucher\"", MessageBytes.corpus("nested-rfc822.eml"))).isTrue();
    }

    @Test
    void aSinglePartBodyIsSearchedInOneReadAndHeaderKeysReadOnlyTheHeader() throws Exception {
        MessageBytes m = MessageBytes.corpus("headers-2047.eml");
        assertThat(matches("BODY \"gibt es im hof\"", m)).isTrue();
        assertThat(m.opens).hasValue(1);
        byte[] big = ("Subject: big one\r\nFrom: a@example.com\r\n\r\n" + "line of text\r\n".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        MessageBytes large = new MessageBytes(big, java.time.Instant.EPOCH);
        assertThat(matches("SUBJECT \"BIG ONE\" FROM a@example", large)).isTrue();
        assertThat(large.opens).hasValue(1);
        assertThat(large.octetsRead.get()).isLessThan(16 * 1024);
    }

    @Test
    void sentDatesComeFromTheDateHeaderInternalDatesFromTheStore() throws Exception {
        MessageBytes m = MessageBytes.corpus("headers-2047.eml"); // Date: Wed, 9 Dec 2026; delivered 7 Dec 2026 10:00Z
        assertThat(matches("SENTON 9-Dec-2026", m)).isTrue();
        assertThat(matches("SENTBEFORE 9-Dec-2026", m)).isFalse();
        assertThat(matches("SENTSINCE \"1-Dec-2026\"", m)).isTrue();
        assertThat(matches("ON 7-Dec-2026", m)).isTrue();
        assertThat(matches("BEFORE 7-Dec-2026", m)).isFalse();
        assertThat(matches("SINCE 8-Dec-2026", m)).isFalse();
        MessageBytes undated = MessageBytes.corpus("digest.eml"); // no Date: the internal date stands in
        assertThat(matches("SENTON 7-Dec-2026", undated)).isTrue();
    }

    @Test
    void flagSizeNumberAndModseqKeysOpenNoFile() throws Exception {
        MessageBytes m = MessageBytes.corpus("digest.eml");
        assertThat(matches("SEEN FLAGGED UNANSWERED UNDELETED UNDRAFT", m)).isTrue();
        assertThat(matches("UNSEEN", m)).isFalse();
        assertThat(matches("OLD", m)).isFalse();
        assertThat(matches("NEW", m)).isFalse(); // recent but seen
        assertThat(matches("RECENT KEYWORD $Work UNKEYWORD $Home UNKEYWORD $Never", m)).isTrue();
        assertThat(matches("KEYWORD $Never", m)).isFalse();
        assertThat(matches("LARGER 300 SMALLER 302", m)).isTrue();
        assertThat(matches("3 2:4 UID 30 UID 25:*", m)).isTrue();
        assertThat(matches("10:*", m)).isFalse();
        assertThat(matches("UID *", m)).isFalse();
        assertThat(matches("OR 1 (NOT 5 UID 1:40)", m)).isTrue();
        assertThat(matches("NOT OR 1 2", m)).isTrue();
        assertThat(matches("MODSEQ 7", m)).isTrue();
        assertThat(matches("MODSEQ \"/flags/\\\\seen\" all 8", m)).isFalse();
        assertThat(matches("ALL", m)).isTrue();
        assertThat(matches("UNFLAGGED BODY message", m)).isFalse(); // the cheap key fails first
        assertThat(m.opens).hasValue(0);
        assertThat(m.dateLookups).hasValue(0);
    }

    @Test
    void charsetsOtherThanUtf8AndAsciiAreRefusedAfterTheWholeProgramIsRead() throws Exception {
        ArgumentCursor cursor = ImapArguments.cursor("CHARSET ISO-8859-2 SUBJECT {3}\r\nabc SEEN");
        assertThatThrownBy(() -> SearchParser.parse(cursor)).isInstanceOf(SearchParser.UnsupportedCharset.class);
        assertThat(cursor.atEnd()).isTrue();
        assertThat(SearchParser.parse(ImapArguments.cursor("charset us-ascii ALL")).key()).isEqualTo(new SearchKey.All());
    }

    @Test
    void aProgramStartingWithCcIsNoCharset() throws Exception {
        assertThat(SearchParser.parse(ImapArguments.cursor("CC bob")).key()).isEqualTo(new SearchKey.Header("CC", "bob"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "FOO", "SUBJECT", "OR SEEN", "(SEEN", "SEEN )", "BEFORE 32-Dec-2026", "LARGER x", "UID", "NOT",
            "KEYWORD", "0", "1:0", "CHARSET", "MODSEQ", "MODSEQ \"/flags/x\" nope 3", "SEEN  SEEN"})
    void malformedProgramsAreSyntaxErrors(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void nestingIsBounded() {
        assertThatThrownBy(() -> parse("NOT ".repeat(SearchParser.MAX_DEPTH + 5) + "SEEN")).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> parse("(".repeat(SearchParser.MAX_DEPTH + 5) + "SEEN" + ")".repeat(SearchParser.MAX_DEPTH + 5)))
                .isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void andTriesTheCheapestKeysFirst() throws Exception {
        SearchKey.And and = (SearchKey.And) parse("BODY x SUBJECT y BEFORE 1-Jan-2020 SEEN").key();
        assertThat(and.keys()).extracting(SearchKey::cost)
                .containsExactly(SearchKey.Cost.INDEX, SearchKey.Cost.DATE, SearchKey.Cost.HEADER, SearchKey.Cost.BODY);
        assertThat(parse("SEEN UID 1:*").readsContent()).isFalse();
        assertThat(parse("SENTON 1-Jan-2020").readsContent()).isTrue();
    }

    private static SearchProgram parse(String text) throws Exception {
        ArgumentCursor cursor = ImapArguments.cursor(text);
        SearchProgram program = SearchParser.parse(cursor);
        cursor.end();
        return program;
    }

    /** Message 3, UID 30, \Seen \Flagged, keywords $Work (set) and $Home (not set), \Recent, MODSEQ 7. */
    private static boolean matches(String program, MessageBytes m) throws Exception {
        MessageInfo info = new MessageInfo(30, "u30-" + m.content().length, m.content().length, MessageInfo.SEEN | MessageInfo.FLAGGED, 0b01, 7);
        return parse(program).matches(new MessageView(3, info, true, List.of("$Work", "$Home"), m), CONTEXT);
    }
}
