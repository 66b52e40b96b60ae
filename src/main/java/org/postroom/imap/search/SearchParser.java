package org.postroom.imap.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.SequenceSet;
import org.postroom.store.folder.MessageInfo;

/**
 * Reads a search program (RFC 3501 6.4.4 and 9: {@code ["CHARSET" SP astring SP] search-key *(SP search-key)}, with
 * RFC 7162 3.1.5's MODSEQ key). The caller has read {@code SEARCH SP} (or {@code UID SEARCH SP}) and checks the end of
 * the command after. A charset other than UTF-8 and US-ASCII is reported after the whole program was read (so no
 * literal is left unread) by {@link UnsupportedCharset}: the caller answers {@code NO [BADCHARSET (US-ASCII UTF-8)]}.
 */
public final class SearchParser {
    /** Nesting of NOT, OR and parentheses; deeper is abuse. */
    static final int MAX_DEPTH = 50;
    /** Keys in one program. */
    static final int MAX_KEYS = 1000;

    private final ArgumentCursor cursor;
    private int keys;

    private SearchParser(ArgumentCursor cursor) {
        this.cursor = cursor;
    }

    /** RFC 3501 6.4.4: "[BADCHARSET]"; the response code lists what we take. */
    public static final class UnsupportedCharset extends Exception {
        public static final String RESPONSE_CODE = "BADCHARSET (US-ASCII UTF-8)";

        UnsupportedCharset(String charset) {
            super("Unsupported charset " + (charset.length() > 40 ? charset.substring(0, 40) : charset), null, false, false);
        }
    }

    public static SearchProgram parse(ArgumentCursor cursor) throws IOException, ImapSyntaxException, UnsupportedCharset {
        SearchParser parser = new SearchParser(cursor);
        String charset = null;
        List<SearchKey> all = new ArrayList<>();
        int c = cursor.peek();
        if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
            String name = cursor.keyword(); // CHARSET, or the first key's name (CC, ...)
            if (name.equals("CHARSET")) {
                cursor.space();
                charset = new String(cursor.astringBytes(), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
                cursor.space();
                all.add(parser.key(0));
            } else {
                parser.keys++;
                all.add(parser.named(name, 0));
            }
        } else {
            all.add(parser.key(0));
        }
        while (cursor.peek() == ' ') {
            cursor.space();
            all.add(parser.key(0));
        }
        if (charset != null && !charset.equals("UTF-8") && !charset.equals("US-ASCII")) throw new UnsupportedCharset(charset);
        return new SearchProgram(all.size() == 1 ? all.getFirst() : new SearchKey.And(all));
    }

    private SearchKey key(int depth) throws IOException, ImapSyntaxException {
        if (depth > MAX_DEPTH) throw new ImapSyntaxException("Search program nested too deeply");
        if (++keys > MAX_KEYS) throw new ImapSyntaxException("Too many search keys");
        int c = cursor.peek();
        if (c == '(') {
            cursor.expect('(');
            List<SearchKey> inner = new ArrayList<>();
            inner.add(key(depth + 1));
            while (!cursor.take(')')) {
                cursor.space();
                inner.add(key(depth + 1));
            }
            return inner.size() == 1 ? inner.getFirst() : new SearchKey.And(inner);
        }
        if (c >= '0' && c <= '9' || c == '*') {
            SequenceSet set = cursor.sequenceSet();
            return new SearchKey.Numbers(set::contains, false);
        }
        return named(cursor.keyword(), depth);
    }

    private SearchKey named(String name, int depth) throws IOException, ImapSyntaxException {
        return switch (name) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.Flag(MessageInfo.ANSWERED, true);
            case "DELETED" -> new SearchKey.Flag(MessageInfo.DELETED, true);
            case "DRAFT" -> new SearchKey.Flag(MessageInfo.DRAFT, true);
            case "FLAGGED" -> new SearchKey.Flag(MessageInfo.FLAGGED, true);
            case "SEEN" -> new SearchKey.Flag(MessageInfo.SEEN, true);
            case "UNANSWERED" -> new SearchKey.Flag(MessageInfo.ANSWERED, false);
            case "UNDELETED" -> new SearchKey.Flag(MessageInfo.DELETED, false);
            case "UNDRAFT" -> new SearchKey.Flag(MessageInfo.DRAFT, false);
            case "UNFLAGGED" -> new SearchKey.Flag(MessageInfo.FLAGGED, false);
            case "UNSEEN" -> new SearchKey.Flag(MessageInfo.SEEN, false);
            case "RECENT" -> new SearchKey.Recent(true);
            case "OLD" -> new SearchKey.Recent(false);
            // RFC 3501 6.4.4: NEW is "functionally equivalent to (RECENT UNSEEN)"
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Recent(true), new SearchKey.Flag(MessageInfo.SEEN, false)));
            case "BCC", "CC", "FROM", "SUBJECT", "TO" -> new SearchKey.Header(name, string());
            case "HEADER" -> {
                String field = string();
                yield new SearchKey.Header(field, string());
            }
            case "BODY" -> new SearchKey.Text(string(), false);
            case "TEXT" -> new SearchKey.Text(string(), true);
            case "BEFORE" -> date(SearchKey.DateTest.BEFORE, false);
            case "ON" -> date(SearchKey.DateTest.ON, false);
            case "SINCE" -> date(SearchKey.DateTest.SINCE, false);
            case "SENTBEFORE" -> date(SearchKey.DateTest.BEFORE, true);
            case "SENTON" -> date(SearchKey.DateTest.ON, true);
            case "SENTSINCE" -> date(SearchKey.DateTest.SINCE, true);
            case "KEYWORD" -> {
                cursor.space();
                yield new SearchKey.Keyword(cursor.atom(), true);
            }
            case "UNKEYWORD" -> {
                cursor.space();
                yield new SearchKey.Keyword(cursor.atom(), false);
            }
            case "LARGER", "SMALLER" -> {
                cursor.space();
                yield new SearchKey.Size(name.equals("LARGER"), cursor.number());
            }
            case "NOT" -> {
                cursor.space();
                yield new SearchKey.Not(key(depth + 1));
            }
            case "OR" -> {
                cursor.space();
                SearchKey left = key(depth + 1);
                cursor.space();
                yield new SearchKey.Or(left, key(depth + 1));
            }
            case "UID" -> {
                cursor.space();
                SequenceSet set = cursor.sequenceSet();
                yield new SearchKey.Numbers(set::contains, true);
            }
            case "MODSEQ" -> modSeq();
            default -> throw new ImapSyntaxException("Unknown search key: " + (name.length() > 30 ? name.substring(0, 30) : name));
        };
    }

    /** RFC 7162 3.1.5: {@code "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer}; the entry is ignored (one MODSEQ per message). */
    private SearchKey modSeq() throws IOException, ImapSyntaxException {
        cursor.space();
        if (cursor.peek() == '"') {
            cursor.string(); // entry-name, e.g. "/flags/\\seen"
            cursor.space();
            String type = cursor.keyword();
            if (!type.equals("PRIV") && !type.equals("SHARED") && !type.equals("ALL")) throw new ImapSyntaxException("Invalid entry type");
            cursor.space();
        }
        return new SearchKey.ModSeq(cursor.number64());
    }

    private String string() throws IOException, ImapSyntaxException {
        cursor.space();
        return cursor.astring();
    }

    private SearchKey date(SearchKey.DateTest test, boolean sent) throws IOException, ImapSyntaxException {
        cursor.space();
        LocalDate date = cursor.date();
        return new SearchKey.Date(test, date, sent);
    }
}
