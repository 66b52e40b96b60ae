package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postroom.imap.fetch.FetchParser;
import org.postroom.imap.fetch.FetchRenderer;
import org.postroom.imap.fetch.FetchRequest;
import org.postroom.imap.fetch.MessageView;
import org.postroom.imap.fetch.StructureCache;
import org.postroom.imap.search.SearchParser;
import org.postroom.imap.search.SearchProgram;
import org.postroom.testing.ImapArguments;
import org.postroom.testing.ImapFetchGrammar;
import org.postroom.testing.MessageBytes;

/**
 * Mutations of the MIME corpus ({@code src/test/resources/mime/}) through the whole FETCH path (structure, envelope,
 * sections) and SEARCH's decoders: no exception escapes, every answer is one FETCH response by RFC 3501 9's grammar
 * ({@link ImapFetchGrammar}), and BODY[] is the message's octets exactly. Seeded and bounded: {@value #MUTANTS}
 * mutants or {@value #SECONDS} seconds, whichever comes first; a failure prints the seed and the mutant number,
 * rerun with {@code -Dpostroom.fuzz.seed=N}.
 */
class MimeFuzzTest {
    static final int MUTANTS = 2000;
    static final int SECONDS = 20;
    private static final List<String> CORPUS = List.of("alternative-attachments.eml", "nested-rfc822.eml", "headers-2047.eml", "digest.eml",
            "malformed-no-close.eml", "malformed-no-boundary.eml", "malformed-header.eml", "header-only.eml", "bare-lf.eml",
            "deep-nesting.eml", "encoded-rfc822.eml");
    private static final String[] INSERTS = {"\r\n", "\n", "\r", "--", "--outer-boundary", "--b1--", "--inner-boundary\r\n", "\r\n\r\n",
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n", "Content-Type: message/rfc822\r\n\r\n", "Content-Type: multipart/digest; boundary=dd\r\n",
            "=?UTF-8?B?w6Rw?=", "=?x?q?=FF=", "\"", "\\", "(", ")", "<", ">", "@", ",", ";", ":", "\0", "\u00ff", "\t", " ",
            "Content-Transfer-Encoding: base64\r\n", "filename*0*=utf-8''%C3", "From: a:b,c;,<@x:y@z>\r\n"};
    private static final String FETCH = "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY BODY.PEEK[] BODY.PEEK[1] BODY.PEEK[2.1.MIME] "
            + "BODY.PEEK[1.2.3] BODY.PEEK[HEADER.FIELDS (Subject From)] BODY.PEEK[HEADER.FIELDS.NOT (Subject)] BODY.PEEK[TEXT]<3.50> "
            + "BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT] BODY.PEEK[1.MIME] MODSEQ)";
    private static final String SEARCH = "OR BODY \"ä\" (TEXT \"quarter\" SUBJECT \"straße\" FROM x HEADER Content-Type mixed SENTBEFORE 1-Jan-2030)";

    @Test
    void mutatedMessagesAlwaysGiveWellFormedAnswers() throws Exception {
        long seed = Long.getLong("postroom.fuzz.seed", 20261207L);
        Random random = new Random(seed);
        byte[][] corpus = CORPUS.stream().map(name -> MessageBytes.corpus(name).content()).toArray(byte[][]::new);
        FetchRequest request = FetchParser.parse(ImapArguments.cursor(FETCH));
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        int done = 0;
        for (int i = 0; i < MUTANTS && System.nanoTime() < deadline; i++, done++) {
            byte[] mutant = mutate(corpus[random.nextInt(corpus.length)], corpus[random.nextInt(corpus.length)], random);
            try {
                check(mutant, request);
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", mutant " + i + ": " + t + "\n" + new String(mutant, StandardCharsets.ISO_8859_1), t);
            }
        }
        assertThat(done).isGreaterThan(100);
    }

    private static void check(byte[] mutant, FetchRequest request) throws Exception {
        MessageBytes message = new MessageBytes(mutant, Instant.parse("2026-12-07T10:00:00Z"));
        MessageView view = new MessageView(1, message.info(1, 0), false, List.of(), message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FetchRenderer(new StructureCache(4), ZoneOffset.UTC).render(out, request, view);
        Map<String, String> items = ImapFetchGrammar.parse(out.toByteArray());
        assertThat(items.get("BODY[]")).isEqualTo(new String(mutant, StandardCharsets.ISO_8859_1));
        SearchProgram program = SearchParser.parse(ImapArguments.cursor(SEARCH));
        program.matches(view, new SearchProgram.Context(1, 1, ZoneOffset.UTC, new StructureCache(4)));
    }

    /** One to four edits: flip, insert (often a MIME-meaningful string), delete, duplicate, truncate, splice. */
    static byte[] mutate(byte[] base, byte[] other, Random random) {
        byte[] m = base.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = m.length == 0 ? 0 : random.nextInt(m.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (m.length > 0) m[at] = (byte) random.nextInt(256);
                }
                case 1 -> m = insert(m, at, INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.ISO_8859_1));
                case 2 -> {
                    int length = Math.min(m.length - at, random.nextInt(200));
                    byte[] cut = new byte[m.length - length];
                    System.arraycopy(m, 0, cut, 0, at);
                    System.arraycopy(m, at + length, cut, at, m.length - at - length);
                    m = cut;
                }
                case 3 -> m = insert(m, at, Arrays.copyOfRange(m, at, Math.min(m.length, at + random.nextInt(300))));
                case 4 -> m = Arrays.copyOf(m, at);
                default -> {
                    int from = other.length == 0 ? 0 : random.nextInt(other.length);
                    m = insert(m, at, Arrays.copyOfRange(other, from, Math.min(other.length, from + random.nextInt(500))));
                }
            }
        }
        return m;
    }

    private static byte[] insert(byte[] m, int at, byte[] piece) {
        byte[] out = new byte[m.length + piece.length];
        System.arraycopy(m, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(m, at, out, at + piece.length, m.length - at);
        return out;
    }
}
