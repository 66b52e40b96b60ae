package org.postroom.imap.fetch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.ImapSyntaxException;

/**
 * Reads FETCH's items from the command (RFC 3501 6.4.5 and 9: {@code "ALL" / "FULL" / "FAST" / fetch-att / "("
 * fetch-att *(SP fetch-att) ")"}) and RFC 7162 3.1.4's {@code (CHANGEDSINCE n)} modifier. The caller has read
 * {@code FETCH sequence-set SP} and checks the end of the command after.
 */
public final class FetchParser {
    /** More items than this in one FETCH is no client's. */
    static final int MAX_ITEMS = 200;
    /** RFC 3501 does not bound part numbers; this does. */
    static final int MAX_PART_DEPTH = 50;

    private FetchParser() {}

    public static FetchRequest parse(ArgumentCursor cursor) throws IOException, ImapSyntaxException {
        List<FetchItem> items = new ArrayList<>();
        if (cursor.take('(')) {
            while (true) {
                if (items.size() >= MAX_ITEMS) throw new ImapSyntaxException("Too many FETCH items");
                items.add(item(cursor));
                if (cursor.take(')')) break;
                cursor.space();
            }
        } else {
            String name = name(cursor);
            switch (name) {
                case "ALL" -> items.addAll(FetchRequest.ALL);
                case "FAST" -> items.addAll(FetchRequest.FAST);
                case "FULL" -> items.addAll(FetchRequest.FULL);
                default -> items.add(item(cursor, name));
            }
        }
        long changedSince = -1;
        if (cursor.peek() == ' ') {
            cursor.space();
            changedSince = modifiers(cursor);
            if (!items.contains(FetchItem.Simple.MODSEQ)) items.add(FetchItem.Simple.MODSEQ); // RFC 7162 3.1.4.1
        }
        return new FetchRequest(items, changedSince);
    }

    /** {@code "(" "CHANGEDSINCE" SP mod-sequence-value ")"}. */
    private static long modifiers(ArgumentCursor cursor) throws IOException, ImapSyntaxException {
        cursor.expect('(');
        String modifier = cursor.keyword();
        if (!modifier.equals("CHANGEDSINCE")) throw new ImapSyntaxException("Unknown FETCH modifier");
        cursor.space();
        long value = cursor.number64();
        if (value < 1) throw new ImapSyntaxException("CHANGEDSINCE needs a mod-sequence above zero");
        cursor.expect(')');
        return value;
    }

    private static FetchItem item(ArgumentCursor cursor) throws IOException, ImapSyntaxException {
        return item(cursor, name(cursor));
    }

    private static String name(ArgumentCursor cursor) throws IOException, ImapSyntaxException {
        String name = cursor.takeWhile(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.');
        if (name.isEmpty()) throw new ImapSyntaxException("Expected a FETCH item");
        return name.toUpperCase(Locale.ROOT);
    }

    private static FetchItem item(ArgumentCursor cursor, String name) throws IOException, ImapSyntaxException {
        return switch (name) {
            case "FLAGS" -> FetchItem.Simple.FLAGS;
            case "UID" -> FetchItem.Simple.UID;
            case "INTERNALDATE" -> FetchItem.Simple.INTERNALDATE;
            case "RFC822.SIZE" -> FetchItem.Simple.RFC822_SIZE;
            case "ENVELOPE" -> FetchItem.Simple.ENVELOPE;
            case "BODYSTRUCTURE" -> FetchItem.Simple.BODYSTRUCTURE;
            case "MODSEQ" -> FetchItem.Simple.MODSEQ;
            case "RFC822" -> new FetchItem.Section(FetchItem.Kind.RFC822, false, SectionSpec.WHOLE, -1, 0);
            case "RFC822.HEADER" -> new FetchItem.Section(FetchItem.Kind.RFC822_HEADER, true, SectionSpec.HEADER, -1, 0);
            case "RFC822.TEXT" -> new FetchItem.Section(FetchItem.Kind.RFC822_TEXT, false, SectionSpec.TEXT, -1, 0);
            case "BODY" -> cursor.peek() == '[' ? section(cursor, false) : FetchItem.Simple.BODY;
            case "BODY.PEEK" -> section(cursor, true);
            default -> throw new ImapSyntaxException("Unknown FETCH item: " + (name.length() > 30 ? name.substring(0, 30) : name));
        };
    }

    /** {@code section ["<" number "." nz-number ">"]}. */
    private static FetchItem.Section section(ArgumentCursor cursor, boolean peek) throws IOException, ImapSyntaxException {
        SectionSpec spec = spec(cursor);
        long origin = -1;
        long count = 0;
        if (cursor.take('<')) {
            origin = cursor.number();
            cursor.expect('.');
            count = cursor.nzNumber();
            cursor.expect('>');
        }
        return new FetchItem.Section(FetchItem.Kind.BODY, peek, spec, origin, count);
    }

    /** {@code "[" [section-spec] "]"}. */
    static SectionSpec spec(ArgumentCursor cursor) throws IOException, ImapSyntaxException {
        cursor.expect('[');
        if (cursor.take(']')) return SectionSpec.WHOLE;
        String text = cursor.takeWhile(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.');
        String[] tokens = text.split("\\.", -1);
        List<Integer> part = new ArrayList<>();
        int i = 0;
        while (i < tokens.length && !tokens[i].isEmpty() && Character.isDigit(tokens[i].charAt(0))) {
            if (part.size() >= MAX_PART_DEPTH) throw new ImapSyntaxException("Too many part numbers");
            part.add(partNumber(tokens[i++]));
        }
        String rest = String.join(".", java.util.Arrays.asList(tokens).subList(i, tokens.length)).toUpperCase(Locale.ROOT);
        SectionSpec.Text kind = switch (rest) {
            case "" -> SectionSpec.Text.NONE;
            case "HEADER" -> SectionSpec.Text.HEADER;
            case "HEADER.FIELDS" -> SectionSpec.Text.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> SectionSpec.Text.HEADER_FIELDS_NOT;
            case "TEXT" -> SectionSpec.Text.TEXT;
            case "MIME" -> SectionSpec.Text.MIME;
            default -> throw new ImapSyntaxException("Invalid section");
        };
        if (kind == SectionSpec.Text.MIME && part.isEmpty()) throw new ImapSyntaxException("MIME needs a part number");
        if (kind == SectionSpec.Text.NONE && part.isEmpty()) throw new ImapSyntaxException("Invalid section");
        List<String> fields = List.of();
        if (kind == SectionSpec.Text.HEADER_FIELDS || kind == SectionSpec.Text.HEADER_FIELDS_NOT) {
            cursor.space();
            fields = headerList(cursor);
        }
        cursor.expect(']');
        return new SectionSpec(List.copyOf(part), kind, fields);
    }

    private static int partNumber(String digits) throws ImapSyntaxException {
        if (digits.length() > 9 || digits.charAt(0) == '0' || !digits.chars().allMatch(Character::isDigit)) {
            throw new ImapSyntaxException("Invalid part number");
        }
        return Integer.parseInt(digits);
    }

    /** {@code header-list = "(" header-fld-name *(SP header-fld-name) ")"}, names as astrings. */
    private static List<String> headerList(ArgumentCursor cursor) throws IOException, ImapSyntaxException {
        cursor.expect('(');
        List<String> names = new ArrayList<>();
        while (true) {
            if (names.size() >= MAX_ITEMS) throw new ImapSyntaxException("Too many header field names");
            String name = cursor.astring();
            if (name.isEmpty() || name.length() > 200) throw new ImapSyntaxException("Invalid header field name");
            names.add(name);
            if (cursor.take(')')) return List.copyOf(names);
            cursor.space();
        }
    }
}
