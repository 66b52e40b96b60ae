package org.postroom.collect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.HeaderScanner;
import org.postroom.message.MailAddress;

/**
 * The header section of a downloaded message (RFC 5322 2.2), unfolded, in order, top first, as
 * {@link HeaderScanner} reads it for intake too. Reading stops at the empty line or at {@link #MAX_BYTES}: a header
 * section larger than that is read only that far.
 */
record MessageHeaders(List<Field> fields) {
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern ANGLE = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>");
    private static final Pattern BARE = Pattern.compile("(?:^|[\\s,:;])([^\\s<>,;:\"()\\[\\]]+@[A-Za-z0-9.\\-\\[\\]:]+)");
    private static final Pattern FOR = Pattern.compile("\\bfor\\s+<?([^\\s<>;]+@[^\\s<>;]+?)>?\\s*(?:;|$|\\s)", Pattern.CASE_INSENSITIVE);

    record Field(String name, String value) {}

    static MessageHeaders read(InputStream in) throws IOException {
        List<Field> fields = new ArrayList<>();
        HeaderScanner scanner = new HeaderScanner(in, MAX_BYTES);
        while (scanner.next()) fields.add(new Field(scanner.name(), scanner.value()));
        return new MessageHeaders(List.copyOf(fields));
    }

    /** The values of every field called {@code name}, top first. */
    List<String> all(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).toList();
    }

    Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The addresses in a field body: those in angle brackets, or else bare addr-specs (display names skipped). */
    static List<MailAddress> addresses(String value) {
        List<MailAddress> out = new ArrayList<>();
        String withoutQuotes = value.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("\\([^()]*\\)", " ");
        Matcher angle = ANGLE.matcher(withoutQuotes);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (angle.find()) {
            add(out, angle.group(1));
            rest.append(withoutQuotes, last, angle.start()).append(' ');
            last = angle.end();
        }
        rest.append(withoutQuotes.substring(last));
        Matcher bare = BARE.matcher(rest);
        while (bare.find()) add(out, bare.group(1));
        return out;
    }

    /** The address of a {@code Received} field's {@code for} clause (RFC 5321 4.4), if it has one. */
    static Optional<MailAddress> receivedFor(String value) {
        Matcher m = FOR.matcher(value);
        if (!m.find()) return Optional.empty();
        List<MailAddress> found = new ArrayList<>();
        add(found, m.group(1));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private static void add(List<MailAddress> out, String text) {
        String t = text.strip();
        if (t.endsWith(".")) t = t.substring(0, t.length() - 1);
        try {
            MailAddress a = MailAddress.parse(t);
            if (out.stream().noneMatch(x -> x.key().equals(a.key()))) out.add(a);
        } catch (AddressSyntaxException e) {
            // not an address: skip it
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
