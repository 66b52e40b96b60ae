package org.postroom.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.testing.ImapArguments;

/** FETCH's items as RFC 3501 6.4.5 and 9 write them, read from imap-server's cursor. */
class FetchParserTest {

    @Test
    void macrosExpandAsRfc3501Says() throws Exception {
        assertThat(parse("ALL").items()).isEqualTo(FetchRequest.ALL);
        assertThat(parse("fast").items()).isEqualTo(FetchRequest.FAST);
        assertThat(parse("FULL").items()).containsExactly(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE,
                FetchItem.Simple.RFC822_SIZE, FetchItem.Simple.ENVELOPE, FetchItem.Simple.BODY);
    }

    @Test
    void aListOfSimpleItemsKeepsItsOrder() throws Exception {
        FetchRequest request = parse("(UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])");
        assertThat(request.items()).hasSize(4);
        FetchItem.Section headers = (FetchItem.Section) request.items().get(3);
        assertThat(headers.peek()).isTrue();
        assertThat(headers.spec().text()).isEqualTo(SectionSpec.Text.HEADER_FIELDS);
        assertThat(headers.spec().fields()).hasSize(14).startsWith("From", "To");
        assertThat(request.marksSeen()).isFalse();
        assertThat(request.readsContent()).isTrue();
    }

    @Test
    void sectionsWithPartsAndPartialRanges() throws Exception {
        FetchItem.Section s = (FetchItem.Section) parse("BODY[1.2.3.MIME]<10.200>").items().getFirst();
        assertThat(s.spec()).isEqualTo(new SectionSpec(List.of(1, 2, 3), SectionSpec.Text.MIME, List.of()));
        assertThat(s.origin()).isEqualTo(10);
        assertThat(s.count()).isEqualTo(200);
        assertThat(s.peek()).isFalse();
        assertThat(FetchRenderer.responseName(s)).isEqualTo("BODY[1.2.3.MIME]<10>");
        FetchItem.Section not = (FetchItem.Section) parse("BODY.PEEK[2.HEADER.FIELDS.NOT (\"X-Spam\" Received)]").items().getFirst();
        assertThat(FetchRenderer.responseName(not)).isEqualTo("BODY[2.HEADER.FIELDS.NOT (X-Spam Received)]");
        assertThat(parse("BODY[]").items().getFirst()).isEqualTo(new FetchItem.Section(FetchItem.Kind.BODY, false, SectionSpec.WHOLE, -1, 0));
        assertThat(parse("BODY").items()).containsExactly(FetchItem.Simple.BODY);
    }

    @Test
    void rfc822ItemsAreTheirBodyEquivalents() throws Exception {
        FetchRequest request = parse("(RFC822 RFC822.HEADER RFC822.TEXT)");
        assertThat(request.items()).extracting(i -> ((FetchItem.Section) i).spec())
                .containsExactly(SectionSpec.WHOLE, SectionSpec.HEADER, SectionSpec.TEXT);
        assertThat(((FetchItem.Section) request.items().get(1)).peek()).isTrue(); // RFC 3501: RFC822.HEADER is BODY.PEEK[HEADER]
        assertThat(request.marksSeen()).isTrue();
    }

    @Test
    void changedSinceAddsModseq() throws Exception {
        FetchRequest request = parse("(FLAGS) (CHANGEDSINCE 12345)");
        assertThat(request.changedSince()).isEqualTo(12345);
        assertThat(request.items()).containsExactly(FetchItem.Simple.FLAGS, FetchItem.Simple.MODSEQ);
    }

    @Test
    void aHeaderListMayHoldALiteral() throws Exception {
        FetchItem.Section s = (FetchItem.Section) parse("BODY.PEEK[HEADER.FIELDS ({7}\r\nSubject)]").items().getFirst();
        assertThat(s.spec().fields()).containsExactly("Subject");
    }

    @Test
    void flagsAloneReadNoContent() throws Exception {
        assertThat(parse("(UID FLAGS RFC822.SIZE MODSEQ INTERNALDATE)").readsContent()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BODY[MIME]", "BODY[1.0]", "BODY[01]", "BODY.PEEK", "BODY[HEADER.FIELDS]", "BODY[HEADER.FIELDS ()]",
            "BODY[TEXT.1]", "BODY[1]<5>", "BODY[1]<5.0>", "(FLAGS", "(FLAGS  UID)", "ALL2", "(ALL)", "BINARY[1]", "",
            "FLAGS (CHANGEDSINCE 0)", "FLAGS (VANISHED)", "BODY[HEADER.FIELDS (\"\")]"})
    void malformedItemsAreSyntaxErrors(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ImapSyntaxException.class);
    }

    private static FetchRequest parse(String text) throws Exception {
        ArgumentCursor cursor = ImapArguments.cursor(text);
        FetchRequest request = FetchParser.parse(cursor);
        cursor.end();
        return request;
    }
}
