package org.postroom.imap.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.postroom.imap.mime.BodyStructureWriter;
import org.postroom.imap.mime.EnvelopeWriter;
import org.postroom.imap.mime.ImapText;
import org.postroom.imap.mime.MimeParser;
import org.postroom.imap.mime.MimePart;
import org.postroom.store.folder.MessageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one message's {@code * n FETCH (...)} response (RFC 3501 7.4.2) for a {@link FetchRequest}. One renderer
 * per session (it reuses its buffers; not thread-safe).
 *
 * <p>Cost: FLAGS, UID, RFC822.SIZE and MODSEQ come from the {@code MessageInfo} (no file is opened); INTERNALDATE
 * asks the source for the date; ENVELOPE and the top-level header sections read the header only; BODYSTRUCTURE and
 * part sections read the structure once (kept in the session's {@link StructureCache}) and then only the octets
 * asked for. Section data streams from the file as a literal with its exact length: nothing is held whole.
 *
 * <p>Errors: everything that can fail on the message (its file gone: {@code FolderException} EXPUNGEISSUED) fails
 * before the first octet of the response is written, so the caller can answer NO instead. If the file then ends or
 * fails while a literal is being sent, the literal is completed with spaces: the response stays well-formed.
 *
 * <p>\Seen: the renderer does not store flags. When {@link FetchRequest#marksSeen()} and the message is not \Seen,
 * the caller stores \Seen first and renders the updated message with FLAGS added ({@link FetchRequest#with}), as
 * RFC 3501 6.4.5 asks ("the \Seen flag is implicitly set; if this causes the flags to change, they SHOULD be
 * included as part of the FETCH responses").
 */
public final class FetchRenderer {
    private static final Logger log = LoggerFactory.getLogger(FetchRenderer.class);
    private static final DateTimeFormatter INTERNALDATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    private final StructureCache cache;
    private final ZoneOffset zone;

    /** @param zone the offset INTERNALDATE is shown in */
    public FetchRenderer(StructureCache cache, ZoneOffset zone) {
        this.cache = cache;
        this.zone = zone;
    }

    public void render(OutputStream out, FetchRequest request, MessageView target) throws IOException {
        if (!request.readsContent()) {
            renderFromIndex(out, request, target);
            return;
        }
        try (MessageReader reader = new MessageReader(target.source())) {
            MimePart structure = null;
            byte[] header = null;
            if (request.readsContent()) {
                reader.open();
                String key = target.message().uniqueName();
                structure = cache.get(key);
                if (structure == null && request.wholeOnly()) {
                    structure = MimePart.unread(); // a download: one open, read once from the start
                } else if (structure == null && request.headerSuffices()) {
                    header = HeaderBytes.read(reader.at(0));
                    structure = header != null
                            ? MimeParser.parseHeader(new java.io.ByteArrayInputStream(header))
                            : MimeParser.parseHeader(reader.at(0)); // a huge header: read from the file
                } else if (structure == null) {
                    structure = MimeParser.parse(reader.at(0));
                    cache.put(key, structure);
                }
            }
            Instant internalDate = request.has(FetchItem.Simple.INTERNALDATE) ? target.source().internalDate() : null;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
            ImapText.ascii(buffer, "* " + target.sequence() + " FETCH (");
            boolean first = true;
            for (FetchItem item : request.items()) {
                if (!first) buffer.write(' ');
                first = false;
                switch (item) {
                    case FetchItem.Simple simple -> simple(buffer, simple, target, structure, internalDate);
                    case FetchItem.Section section -> section(out, buffer, section, target, structure, reader, header);
                    case FetchItem.BinarySize size -> ImapText.ascii(buffer, "BINARY.SIZE[] 0"); // not offered: BINARY is not advertised
                }
            }
            ImapText.ascii(buffer, ")\r\n");
            buffer.writeTo(out);
        }
    }

    /**
     * The common case of a client's resync, {@code UID FETCH 1:* (FLAGS)} over a whole folder: every item comes from
     * the index (INTERNALDATE from the source's date), written through one reused buffer, with no file opened.
     */
    private void renderFromIndex(OutputStream out, FetchRequest request, MessageView target) throws IOException {
        StringBuilder s = line;
        s.setLength(0);
        s.append("* ").append(target.sequence()).append(" FETCH (");
        boolean first = true;
        for (FetchItem item : request.items()) {
            if (!first) s.append(' ');
            first = false;
            FetchItem.Simple simple = (FetchItem.Simple) item;
            s.append(simple.wireName()).append(' ');
            MessageInfo m = target.message();
            switch (simple) {
                case FLAGS -> FlagNames.append(s, m, target.recent(), target.keywords());
                case UID -> s.append(m.uid());
                case RFC822_SIZE -> s.append(m.size());
                case MODSEQ -> s.append('(').append(m.modSeq()).append(')');
                case INTERNALDATE -> s.append('"').append(INTERNALDATE.format(ZonedDateTime.ofInstant(target.source().internalDate(), zone))).append('"');
                default -> throw new IllegalStateException("not an index item: " + simple);
            }
        }
        s.append(")\r\n");
        int length = s.length();
        if (bytes.length < length) bytes = new byte[Math.max(length, bytes.length * 2)];
        for (int i = 0; i < length; i++) bytes[i] = (byte) s.charAt(i); // keywords are atoms: ASCII
        out.write(bytes, 0, length);
    }

    private final StringBuilder line = new StringBuilder(128);
    private byte[] bytes = new byte[256];

    private void simple(ByteArrayOutputStream buffer, FetchItem.Simple item, MessageView target, MimePart structure, Instant internalDate) {
        ImapText.ascii(buffer, item.wireName());
        buffer.write(' ');
        switch (item) {
            case FLAGS -> ImapText.ascii(buffer, FlagNames.format(target.message(), target.recent(), target.keywords()));
            case UID -> ImapText.ascii(buffer, Long.toString(target.message().uid()));
            case RFC822_SIZE -> ImapText.ascii(buffer, Long.toString(target.message().size()));
            case MODSEQ -> ImapText.ascii(buffer, "(" + target.message().modSeq() + ")");
            case INTERNALDATE -> ImapText.ascii(buffer, "\"" + INTERNALDATE.format(ZonedDateTime.ofInstant(internalDate, zone)) + "\"");
            case ENVELOPE -> EnvelopeWriter.write(buffer, structure);
            case BODYSTRUCTURE -> BodyStructureWriter.write(buffer, structure, true);
            case BODY -> BodyStructureWriter.write(buffer, structure, false);
        }
    }

    private void section(OutputStream out, ByteArrayOutputStream buffer, FetchItem.Section section, MessageView target,
            MimePart structure, MessageReader reader, byte[] header) throws IOException {
        ImapText.ascii(buffer, responseName(section));
        buffer.write(' ');
        Sections.Range range = Sections.locate(structure, section.spec(), target.message().size());
        if (range.filtered()) {
            boolean inMemory = header != null && range.start() == 0 && range.end() <= header.length;
            byte[] fields = inMemory
                    ? HeaderFilter.filter(new java.io.ByteArrayInputStream(header), range.length(), section.spec().fields(),
                            section.spec().text() == SectionSpec.Text.HEADER_FIELDS_NOT)
                    : filteredHeader(range, section.spec(), reader);
            long start = section.isPartial() ? Math.min(section.origin(), fields.length) : 0;
            long length = section.isPartial() ? Math.min(section.count(), fields.length - start) : fields.length;
            ImapText.literalPrefix(buffer, length);
            buffer.write(fields, (int) start, (int) length);
            return;
        }
        long start = range.start();
        long length = range.length();
        if (section.isPartial()) {
            start = range.start() + Math.min(section.origin(), length);
            length = Math.max(0, Math.min(section.count(), range.end() - start));
        }
        ImapText.literalPrefix(buffer, length);
        if (header != null && start + length <= header.length) { // the top header, already read
            buffer.write(header, (int) start, (int) length);
            return;
        }
        buffer.writeTo(out); // what came before the literal, then the literal's octets straight from the file
        buffer.reset();
        copy(reader, start, length, out, target);
    }

    private static byte[] filteredHeader(Sections.Range range, SectionSpec spec, MessageReader reader) {
        try {
            return HeaderFilter.filter(reader.at(range.start()), range.length(), spec.fields(), spec.text() == SectionSpec.Text.HEADER_FIELDS_NOT);
        } catch (IOException e) {
            log.warn("could not read a message's header for HEADER.FIELDS: {}", e.toString());
            return "\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** Exactly {@code length} octets from {@code start}: if the message ends or fails early, spaces fill the rest. */
    private static void copy(MessageReader reader, long start, long length, OutputStream out, MessageView target) throws IOException {
        byte[] chunk = new byte[(int) Math.min(65536, Math.max(1, length))];
        long left = length;
        InputStream in = null;
        try {
            in = reader.at(start);
        } catch (IOException e) {
            log.warn("could not reopen message {} for FETCH: {}", target.message().uniqueName(), e.toString());
        }
        while (left > 0) {
            int n = -1;
            if (in != null) {
                try {
                    n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                } catch (IOException e) {
                    log.warn("reading message {} for FETCH failed: {}", target.message().uniqueName(), e.toString());
                }
            }
            if (n < 0) { // the file is shorter than it was said to be
                in = null;
                n = (int) Math.min(chunk.length, left);
                java.util.Arrays.fill(chunk, 0, n, (byte) ' ');
            }
            out.write(chunk, 0, n);
            left -= n;
        }
    }

    /** The name the response gives the data: BODY[...] (also for BODY.PEEK), with {@code <origin>} if partial. */
    static String responseName(FetchItem.Section section) {
        return switch (section.kind()) {
            case RFC822 -> "RFC822";
            case RFC822_HEADER -> "RFC822.HEADER";
            case RFC822_TEXT -> "RFC822.TEXT";
            case BODY, BINARY -> (section.kind() == FetchItem.Kind.BODY ? "BODY[" : "BINARY[") + section.spec().wireForm() + "]"
                    + (section.isPartial() ? "<" + section.origin() + ">" : "");
        };
    }
}
