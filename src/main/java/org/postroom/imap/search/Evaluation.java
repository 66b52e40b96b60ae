package org.postroom.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.postroom.imap.fetch.MessageReader;
import org.postroom.imap.fetch.MessageView;
import org.postroom.imap.mime.EncodedWords;
import org.postroom.imap.mime.HeaderValue;
import org.postroom.imap.mime.MimeParser;
import org.postroom.imap.mime.MimePart;
import org.postroom.store.folder.MessageInfo;

/**
 * One message tested against one program: what is read (internal date, header, structure) is read once, on first
 * need, whatever the number of keys needing it.
 */
final class Evaluation {
    /** What BODY reads first: the header and, for most mail, the whole text. */
    private static final int HEAD = 32 * 1024;
    private final MessageView view;
    private final SearchProgram.Context context;
    private Instant internalDate;
    private HeaderLines header;
    private MimePart structure;

    Evaluation(MessageView view, SearchProgram.Context context) {
        this.view = view;
        this.context = context;
    }

    boolean test(SearchKey key) throws IOException {
        MessageInfo m = view.message();
        return switch (key) {
            case SearchKey.All all -> true;
            case SearchKey.And and -> {
                for (SearchKey k : and.keys()) {
                    if (!test(k)) yield false;
                }
                yield true;
            }
            case SearchKey.Or or -> cheaperFirst(or.left(), or.right());
            case SearchKey.Not not -> !test(not.key());
            case SearchKey.Flag flag -> m.has(flag.flag()) == flag.set();
            case SearchKey.Recent recent -> view.recent() == recent.set();
            case SearchKey.Keyword keyword -> hasKeyword(keyword.name()) == keyword.set();
            case SearchKey.Size size -> size.larger() ? m.size() > size.octets() : m.size() < size.octets();
            case SearchKey.Numbers numbers -> numbers.uid()
                    ? numbers.set().contains(m.uid(), context.lastUid())
                    : numbers.set().contains(view.sequence(), context.lastSequence());
            case SearchKey.ModSeq modSeq -> m.modSeq() >= modSeq.modSeq();
            case SearchKey.Date date -> compare(date);
            case SearchKey.Header h -> header(h);
            case SearchKey.Text text -> text.withHeader() && headerContains(new TextMatcher(text.text())) || body(new TextMatcher(text.text()));
        };
    }

    private boolean cheaperFirst(SearchKey a, SearchKey b) throws IOException {
        if (a.cost().compareTo(b.cost()) > 0) return test(b) || test(a);
        return test(a) || test(b);
    }

    /** A keyword the folder never saw is set on no message (RFC 3501 6.4.4 KEYWORD). */
    private boolean hasKeyword(String name) {
        List<String> keywords = view.keywords();
        for (int i = 0; i < keywords.size() && i < 64; i++) {
            if (keywords.get(i).equalsIgnoreCase(name)) return (view.message().keywords() & 1L << i) != 0;
        }
        return false;
    }

    private boolean compare(SearchKey.Date key) throws IOException {
        LocalDate day;
        if (key.sent()) {
            day = SentDate.parse(field("Date"));
            if (day == null) day = internalDay(); // no usable Date: the internal date, as Dovecot does
        } else {
            day = internalDay();
        }
        return switch (key.test()) {
            case BEFORE -> day.isBefore(key.date());
            case ON -> day.isEqual(key.date());
            case SINCE -> !day.isBefore(key.date());
        };
    }

    private LocalDate internalDay() throws IOException {
        if (internalDate == null) internalDate = view.source().internalDate();
        return internalDate.atOffset(context.zone()).toLocalDate();
    }

    /** RFC 3501 6.4.4 HEADER: the field's value contains the text; an empty text matches every message with the field. */
    private boolean header(SearchKey.Header key) throws IOException {
        TextMatcher matcher = new TextMatcher(key.text());
        for (String value : header().values(key.field())) {
            if (matcher.in(HeaderValue.searchText(value))) return true; // RFC 2047 words, RFC 2231 parameters
        }
        return false;
    }

    private boolean headerContains(TextMatcher matcher) throws IOException {
        for (HeaderLines.Field f : header().all()) {
            if (matcher.in(f.name()) || matcher.in(EncodedWords.decode(f.value()))) return true;
        }
        return false;
    }

    private String field(String name) throws IOException {
        List<String> values = header().values(name);
        return values.isEmpty() ? null : values.getFirst();
    }

    private HeaderLines header() throws IOException {
        if (header == null) {
            try (InputStream in = view.source().open()) {
                header = HeaderLines.read(in);
            }
        }
        return header;
    }

    /** The decoded text of every text part (text/*), in file order, through one open file. */
    private boolean body(TextMatcher matcher) throws IOException {
        try (MessageReader reader = new MessageReader(view.source())) {
            if (structure == null && (context.cache() == null || context.cache().get(view.message().uniqueName()) == null)) {
                // Most mail is one text part: its header says so, and its body follows in the same read.
                InputStream in = reader.at(0);
                byte[] head = in.readNBytes(HEAD);
                MimePart header = MimeParser.parseHeader(new java.io.ByteArrayInputStream(head));
                boolean headerRead = header.bodyStart() < head.length || head.length < HEAD;
                if (headerRead && !header.isMultipart() && !header.mediaType().equalsIgnoreCase("message")) {
                    if (!header.isText()) return false;
                    int start = (int) header.bodyStart();
                    InputStream body = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head, start, head.length - start), in);
                    try {
                        return matcher.in(org.postroom.imap.mime.PartText.reader(header, body));
                    } catch (IOException e) {
                        return false; // a base64 body that breaks off: what was decoded was searched
                    }
                }
            }
            MimePart root = structure(reader);
            List<MimePart> texts = new ArrayList<>();
            collectText(root, texts, 0);
            for (MimePart part : texts) {
                InputStream body = new Bounded(reader.at(part.bodyStart()), part.bodySize());
                Reader text = org.postroom.imap.mime.PartText.reader(part, body);
                try {
                    if (matcher.in(text)) return true;
                } catch (IOException e) {
                    // A base64 body that breaks off half way: what was decoded was searched.
                }
            }
        }
        return false;
    }

    private MimePart structure(MessageReader reader) throws IOException {
        if (structure != null) return structure;
        String key = view.message().uniqueName();
        structure = context.cache() == null ? null : context.cache().get(key);
        if (structure == null) {
            structure = MimeParser.parse(reader.at(0));
            if (context.cache() != null) context.cache().put(key, structure);
        }
        return structure;
    }

    /** The leaf text parts, those inside attached messages too (their headers are not searched by BODY). */
    private static void collectText(MimePart part, List<MimePart> into, int depth) {
        if (depth > MimeParser.MAX_DEPTH + 2) return;
        if (part.message() != null) {
            collectText(part.message(), into, depth + 1);
        } else if (!part.children().isEmpty()) {
            for (MimePart child : part.children()) collectText(child, into, depth + 1);
        } else if (part.isText() || part.isMultipart()) {
            into.add(part);
        }
    }

    /** At most {@code left} octets of a stream, which is not closed. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }
}
