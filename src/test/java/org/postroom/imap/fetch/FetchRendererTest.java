package org.postroom.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postroom.store.folder.FolderException;
import org.postroom.store.folder.MessageInfo;
import org.postroom.testing.ImapArguments;
import org.postroom.testing.ImapFetchGrammar;
import org.postroom.testing.MessageBytes;

/**
 * One message's FETCH response: exact octets, what is read to make it, and sections compared with Dovecot 2.3.19.1's
 * answers for the same files ({@code NAME.sections.dovecot} in {@code src/test/resources/mime/}, taken once with
 * {@code /usr/lib/dovecot/imap} on a Maildir holding the file; Dovecot puts RFC822.SIZE first, so items are compared
 * by name).
 */
class FetchRendererTest {
    private final FetchRenderer renderer = new FetchRenderer(new StructureCache(16), ZoneOffset.ofHours(1));

    @Test
    void flagsUidSizeAndModseqOpenNoFile() throws Exception {
        MessageBytes message = MessageBytes.corpus("digest.eml");
        MessageInfo info = new MessageInfo(42, "u42", 301, MessageInfo.SEEN | MessageInfo.FLAGGED, 0b10, 77);
        String answer = render("(UID FLAGS RFC822.SIZE MODSEQ)", new MessageView(7, info, true, List.of("$Label1", "$Label2"), message));
        assertThat(answer).isEqualTo("* 7 FETCH (UID 42 FLAGS (\\Seen \\Flagged \\Recent $Label2) RFC822.SIZE 301 MODSEQ (77))\r\n");
        assertThat(message.opens).hasValue(0);
        assertThat(message.dateLookups).hasValue(0);
    }

    @Test
    void internalDateIsAskedForAndShownInTheServersOffset() throws Exception {
        MessageBytes message = MessageBytes.corpus("digest.eml");
        String answer = render("INTERNALDATE", view(message));
        assertThat(answer).isEqualTo("* 1 FETCH (INTERNALDATE \"07-Dec-2026 11:00:00 +0100\")\r\n");
        assertThat(message.opens).hasValue(0);
    }

    @Test
    void sectionsOfAMultipartMessageAreDovecots() throws Exception {
        assertSameAsDovecot("alternative-attachments", "(BODY.PEEK[1.1] BODY.PEEK[1.2.MIME] BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)] "
                + "BODY.PEEK[HEADER.FIELDS.NOT (RECEIVED RETURN-PATH)] BODY.PEEK[2]<10.20> BODY.PEEK[3.MIME] BODY.PEEK[TEXT]<0.50> BODY.PEEK[9] RFC822.SIZE)");
    }

    @Test
    void sectionsInsideAnAttachedMessageAreDovecots() throws Exception {
        assertSameAsDovecot("nested-rfc822", "(BODY.PEEK[2.HEADER] BODY.PEEK[2.1] BODY.PEEK[2.2.MIME] BODY.PEEK[2.1.MIME] BODY.PEEK[2.MIME] BODY.PEEK[1])");
    }

    @Test
    void partOneOfASinglePartMessageIsItsBody() throws Exception {
        MessageBytes message = MessageBytes.corpus("headers-2047.eml");
        Map<String, String> items = ImapFetchGrammar.parse(render("(BODY.PEEK[1] BODY.PEEK[TEXT] BODY.PEEK[1.MIME] BODY.PEEK[2])", view(message)));
        assertThat(items.get("BODY[1]")).startsWith("Liebe Nachbarn").isEqualTo(items.get("BODY[TEXT]"));
        assertThat(items.get("BODY[1.MIME]")).startsWith("From: =?UTF-8?B?").endsWith("quoted-printable\r\n\r\n");
        assertThat(items.get("BODY[2]")).isEmpty();
    }

    @Test
    void partialFetchesCutTheSectionAndNameTheOrigin() throws Exception {
        MessageBytes message = MessageBytes.corpus("digest.eml");
        String whole = new String(message.content(), StandardCharsets.ISO_8859_1);
        assertThat(render("BODY.PEEK[]<0.4>", view(message))).isEqualTo("* 1 FETCH (BODY[]<0> {4}\r\nFrom)\r\n");
        assertThat(render("BODY.PEEK[]<300.100>", view(message))).isEqualTo("* 1 FETCH (BODY[]<300> {1}\r\n" + whole.substring(300) + ")\r\n");
        assertThat(render("BODY.PEEK[]<5000.10>", view(message))).isEqualTo("* 1 FETCH (BODY[]<5000> {0}\r\n)\r\n");
        assertThat(render("BODY.PEEK[HEADER.FIELDS (Subject)]<2.5>", view(message))).isEqualTo("* 1 FETCH (BODY[HEADER.FIELDS (Subject)]<2> {5}\r\nbject)\r\n");
    }

    @Test
    void rfc822ItemsAreNamedAsAsked() throws Exception {
        MessageBytes message = MessageBytes.corpus("header-only.eml");
        String answer = render("(RFC822.HEADER RFC822.TEXT RFC822)", view(message));
        String whole = new String(message.content(), StandardCharsets.ISO_8859_1);
        assertThat(answer).isEqualTo("* 1 FETCH (RFC822.HEADER {" + whole.length() + "}\r\n" + whole + " RFC822.TEXT {0}\r\n RFC822 {"
                + whole.length() + "}\r\n" + whole + ")\r\n");
    }

    /** The newest-100-headers case of the benchmark: HEADER.FIELDS and ENVELOPE of a big message read its header only. */
    @Test
    void headerItemsReadOnlyTheHeaderOfABigMessage() throws Exception {
        byte[] big = bigMessage(5 << 20);
        MessageBytes message = new MessageBytes(big, Instant.EPOCH);
        String answer = render("(ENVELOPE BODY.PEEK[HEADER.FIELDS (Subject)] RFC822.SIZE)", view(message));
        assertThat(ImapFetchGrammar.parse(answer)).containsEntry("RFC822.SIZE", Integer.toString(big.length));
        assertThat(message.opens).hasValue(1);
        assertThat(message.octetsRead.get()).isLessThan(64 * 1024);
    }

    @Test
    void aWholeMessageIsReadOnceFromItsStart() throws Exception {
        byte[] big = bigMessage(1 << 20);
        MessageBytes message = new MessageBytes(big, Instant.EPOCH);
        String answer = render("(UID RFC822.SIZE BODY.PEEK[])", view(message));
        assertThat(ImapFetchGrammar.parse(answer).get("BODY[]")).isEqualTo(new String(big, StandardCharsets.ISO_8859_1));
        assertThat(message.opens).hasValue(1);
        assertThat(message.octetsRead.get()).isEqualTo(big.length);
    }

    @Test
    void bodystructureIsReadOnceAndThePartsThenFromTheirOffsets() throws Exception {
        byte[] big = bigMessage(5 << 20);
        MessageBytes message = new MessageBytes(big, Instant.EPOCH);
        render("BODYSTRUCTURE", view(message));
        long afterStructure = message.octetsRead.get();
        assertThat(afterStructure).isEqualTo(big.length);
        String answer = render("BODY.PEEK[1]", view(message)); // the structure comes from the session's cache
        assertThat(ImapFetchGrammar.parse(answer).get("BODY[1]")).isEqualTo("small text part");
        assertThat(message.octetsRead.get() - afterStructure).isLessThan(64 * 1024);
    }

    @Test
    void anExpungedMessageFailsBeforeAnyOctetIsWritten() {
        MessageSource gone = new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                throw new FolderException(FolderException.Reason.EXPUNGEISSUED, "gone");
            }

            @Override
            public Instant internalDate() {
                return Instant.EPOCH;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FetchRequest request = FetchRequest.of(FetchItem.Simple.FLAGS, FetchItem.Simple.BODYSTRUCTURE);
        assertThatThrownBy(() -> renderer.render(out, request, new MessageView(1, new MessageInfo(1, "x", 10, 0, 0, 1), false, List.of(), gone)))
                .isInstanceOf(FolderException.class);
        assertThat(out.size()).isZero();
    }

    @Test
    void aFileShorterThanItsSizeStillGivesAWellFormedLiteral() throws Exception {
        MessageBytes message = MessageBytes.corpus("header-only.eml");
        MessageInfo claimsMore = new MessageInfo(1, "u1", message.content().length + 10, 0, 0, 1);
        String answer = render("BODY.PEEK[]", new MessageView(1, claimsMore, false, List.of(), message));
        assertThat(ImapFetchGrammar.parse(answer).get("BODY[]")).hasSize(message.content().length + 10).endsWith("          ");
    }

    @Test
    void headerFieldsOfAMonstrousHeaderAreBounded() throws Exception {
        String header = "Subject: " + "x".repeat(3 << 20) + "\r\n" + "Subject: again\r\n".repeat(200_000) + "\r\nbody\r\n";
        MessageBytes message = new MessageBytes(header.getBytes(StandardCharsets.US_ASCII), Instant.EPOCH);
        String fields = ImapFetchGrammar.parse(render("BODY.PEEK[HEADER.FIELDS (Subject)]", view(message))).get("BODY[HEADER.FIELDS (Subject)]");
        assertThat(fields.length()).isLessThan(HeaderFilter.MAX_OUTPUT + HeaderFilter.MAX_LINE + 2);
        assertThat(fields).startsWith("Subject: xxx").endsWith("\r\n\r\n");
    }

    @Test
    void eightBitHeaderTextIsSentAsALiteral() throws Exception {
        byte[] content = "Subject: caf\u00e9\r\n\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1);
        String answer = render("ENVELOPE", view(new MessageBytes(content, Instant.EPOCH)));
        assertThat(answer).isEqualTo("* 1 FETCH (ENVELOPE (NIL {4}\r\ncaf\u00e9 NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
    }

    private void assertSameAsDovecot(String name, String items) throws Exception {
        String ours = render(items, view(MessageBytes.corpus(name + ".eml")));
        String dovecot;
        try (InputStream in = getClass().getResourceAsStream("/mime/" + name + ".sections.dovecot")) {
            dovecot = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(ImapFetchGrammar.parse(ours)).isEqualTo(ImapFetchGrammar.parse(dovecot));
    }

    static byte[] bigMessage(int bodyOctets) {
        StringBuilder s = new StringBuilder("From: a@example.com\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=bb\r\n\r\n"
                + "--bb\r\nContent-Type: text/plain\r\n\r\nsmall text part\r\n--bb\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n");
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n";
        while (s.length() < bodyOctets) s.append(line);
        s.append("--bb--\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static MessageView view(MessageBytes message) {
        return new MessageView(1, message.info(1, 0), false, List.of(), message);
    }

    private String render(String items, MessageView view) throws Exception {
        FetchRequest request = FetchParser.parse(ImapArguments.cursor(items));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(out, request, view);
        String answer = out.toString(StandardCharsets.ISO_8859_1);
        ImapFetchGrammar.parse(answer);
        return answer;
    }
}
