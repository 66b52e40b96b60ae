package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.fetch.FetchParser;
import org.postroom.imap.search.SearchParser;
import org.postroom.testing.ImapArguments;

/**
 * FETCH items and SEARCH programs made of their own words, brackets and numbers, shuffled at random (seeded, bounded):
 * the parsers return or refuse with {@link ImapSyntaxException} (SEARCH also {@code UnsupportedCharset}); nothing
 * else escapes.
 */
class FetchSearchParserFuzzTest {
    private static final String[] FETCH_WORDS = {"BODY", "BODY.PEEK", "[", "]", "<", ">", ".", "1", "2", "0", "10", "HEADER", "HEADER.FIELDS",
            "HEADER.FIELDS.NOT", "TEXT", "MIME", "(", ")", " ", "Subject", "\"x\"", "FLAGS", "UID", "ALL", "FULL", "FAST", "RFC822", "RFC822.HEADER",
            "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "MODSEQ", "CHANGEDSINCE", "INTERNALDATE", "*", "{3}", "\\", "4294967296"};
    private static final String[] SEARCH_WORDS = {"ALL", "OR", "NOT", "(", ")", " ", "SUBJECT", "FROM", "HEADER", "BODY", "TEXT", "\"a b\"", "x",
            "1", "1:*", "*", "2,4:5", "UID", "SEEN", "UNSEEN", "NEW", "KEYWORD", "$Label", "LARGER", "SMALLER", "100", "BEFORE", "SENTON",
            "1-Jan-2026", "32-Feb-2026", "CHARSET", "UTF-8", "KOI8-R", "MODSEQ", "\"/flags/\\\\seen\"", "all", "{2}", "0", "\"", "\\"};

    @Test
    void randomFetchItemsParseOrAreRefused() throws Exception {
        Random random = new Random(Long.getLong("postroom.fuzz.seed", 3501L));
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = words(random, FETCH_WORDS);
            try {
                ArgumentCursor cursor = ImapArguments.cursor(text);
                FetchParser.parse(cursor);
                cursor.end();
                accepted++;
            } catch (ImapSyntaxException expected) {
                // refused: fine
            } catch (RuntimeException e) {
                throw new AssertionError("FETCH " + text, e);
            }
        }
        assertThat(accepted).isGreaterThan(100);
    }

    @Test
    void randomSearchProgramsParseOrAreRefused() throws Exception {
        Random random = new Random(Long.getLong("postroom.fuzz.seed", 3501L));
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = words(random, SEARCH_WORDS);
            try {
                ArgumentCursor cursor = ImapArguments.cursor(text);
                SearchParser.parse(cursor);
                cursor.end();
                accepted++;
            } catch (ImapSyntaxException | SearchParser.UnsupportedCharset expected) {
                // refused: fine
            } catch (RuntimeException e) {
                throw new AssertionError("SEARCH " + text, e);
            }
        }
        assertThat(accepted).isGreaterThan(100);
    }

    private static String words(Random random, String[] words) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            s.append(words[random.nextInt(words.length)]);
            if (random.nextInt(3) > 0) s.append(' ');
        }
        return s.toString().strip();
    }
}
