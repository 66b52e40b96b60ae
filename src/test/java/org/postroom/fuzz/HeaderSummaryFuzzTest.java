package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.postroom.message.HeaderScanner;
import org.postroom.message.HeaderSummary;

/**
 * Fuzzes {@link HeaderScanner}, the one header parser, and {@link HeaderSummary#scan} on top of it: any bytes at all
 * are a possible message, so neither may throw, and the scanner reads no further than it is allowed; on a header
 * section built from known fields, folded or not, the scanner must give the names and unfolded values a reader of
 * RFC 5322 2.2 would, and the summary must count what such a reader would count.
 */
class HeaderSummaryFuzzTest {

    @Property(tries = 3000)
    void anyBytesScanWithoutThrowing(@ForAll @Size(max = 4096) byte[] message) throws IOException {
        HeaderSummary summary = HeaderSummary.scan(new ByteArrayInputStream(message));
        assertThat(summary).isNotNull();
        assertThat(summary.receivedCount()).isBetween(0, message.length);
    }

    @Property(tries = 3000)
    void headerLikeBytesScanWithoutThrowing(@ForAll("headerLikeBytes") byte[] message) throws IOException {
        assertThat(HeaderSummary.scan(new ByteArrayInputStream(message))).isNotNull();
    }

    /** A model: the fields before the first empty line count; folded lines and the body do not. */
    @Property(tries = 2000)
    void countsTheFieldsOfTheHeaderSection(@ForAll("fields") List<String> header, @ForAll("fields") List<String> body,
                                           @ForAll boolean bareLf) throws IOException {
        String eol = bareLf ? "\n" : "\r\n";
        StringBuilder text = new StringBuilder();
        for (String field : header) text.append(field).append(eol);
        text.append(eol);
        for (String field : body) text.append(field).append(eol);

        HeaderSummary summary = HeaderSummary.scan(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(summary.receivedCount()).as("Received fields in %s", header).isEqualTo((int) header.stream().filter(f -> named(f, "received")).count());
        assertThat(summary.hasMessageId()).isEqualTo(header.stream().anyMatch(f -> named(f, "message-id")));
        assertThat(summary.hasDate()).isEqualTo(header.stream().anyMatch(f -> named(f, "date")));
        assertThat(summary.messageId()).isEqualTo(firstValue(header, "message-id"));
    }

    @Property(tries = 3000)
    void anyBytesGiveFieldsWithNamesAndValuesWithoutThrowing(@ForAll("headerLikeBytes") byte[] message, @ForAll boolean readValues)
            throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(message);
        HeaderScanner scanner = new HeaderScanner(in, Long.MAX_VALUE);
        int fields = 0;
        while (scanner.next()) {
            assertThat(scanner.name()).isNotBlank().doesNotContain(":").isEqualTo(scanner.name().strip());
            if (readValues) assertThat(scanner.value()).doesNotContain("\n").isEqualTo(scanner.value().strip());
            fields++;
        }
        assertThat(fields).isLessThanOrEqualTo(message.length / 2);
        assertThat(scanner.next()).isFalse(); // stays at the end
    }

    @Property(tries = 1000)
    void theScannerReadsNoMoreThanItIsAllowed(@ForAll("headerLikeBytes") byte[] message, @ForAll @net.jqwik.api.constraints.IntRange(max = 200) int limit)
            throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(message);
        HeaderScanner scanner = new HeaderScanner(in, limit);
        while (scanner.next()) scanner.value();
        assertThat(message.length - in.available()).isLessThanOrEqualTo(limit);
    }

    /** A model: each field of the header section with its name and its value unfolded, whichever half is read. */
    @Property(tries = 2000)
    void givesTheNamesAndUnfoldedValuesOfTheHeaderSection(@ForAll("foldedFields") List<List<String>> header, @ForAll boolean bareLf,
                                                          @ForAll boolean readValues) throws IOException {
        String eol = bareLf ? "\n" : "\r\n";
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (List<String> field : header) {
            text.append(String.join(eol, field)).append(eol);
            String first = field.getFirst();
            StringBuilder value = new StringBuilder(first.substring(first.indexOf(':') + 1));
            for (String continuation : field.subList(1, field.size())) value.append(' ').append(continuation.strip());
            expected.add(first.substring(0, first.indexOf(':')).strip() + "=" + (readValues ? value.toString().strip() : ""));
        }
        text.append(eol).append("Received: in the body").append(eol);

        HeaderScanner scanner = new HeaderScanner(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
        List<String> seen = new ArrayList<>();
        while (scanner.next()) seen.add(scanner.name() + "=" + (readValues ? scanner.value() : ""));

        assertThat(seen).isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<List<String>>> foldedFields() {
        Arbitrary<String> name = Arbitraries.of("Received", "Message-ID", "Date", "To", "Subject", "X-Long-Name-For-Testing ", "Déjà");
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('\u00e9', '\u4e2d').ofMaxLength(30);
        Arbitrary<String> continuation = Combinators.combine(Arbitraries.of(" ", "\t", "  \t"), text.filter(t -> !t.isBlank()))
                .as((fold, t) -> fold + t);
        return Combinators.combine(name, text, continuation.list().ofMaxSize(3))
                .as((n, v, more) -> {
                    List<String> field = new ArrayList<>();
                    field.add(n + ":" + v);
                    field.addAll(more);
                    return field;
                })
                .list().ofMaxSize(10);
    }

    /** The value of the first field called {@code name}, with the folded lines after it (RFC 5322 2.2.3). */
    private static String firstValue(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (!named(header.get(i), name)) continue;
            StringBuilder value = new StringBuilder(header.get(i).substring(header.get(i).indexOf(':') + 1));
            for (int j = i + 1; j < header.size() && (header.get(j).startsWith(" ") || header.get(j).startsWith("\t")); j++) {
                value.append(' ').append(header.get(j).strip());
            }
            return value.toString().strip();
        }
        return "";
    }

    private static boolean named(String field, String name) {
        if (field.startsWith(" ") || field.startsWith("\t")) return false; // a folded continuation
        int colon = field.indexOf(':');
        return colon >= 0 && field.substring(0, colon).strip().equalsIgnoreCase(name);
    }

    @Provide
    Arbitrary<List<String>> fields() {
        Arbitrary<String> name = Arbitraries.of("Received", "RECEIVED", "received ", "Message-ID", "Message-Id", "Date", "date",
                "Subject", "X-Received", "Received-SPF", "Dated", "From", " Received", "\tDate");
        Arbitrary<String> value = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        return Combinators.combine(name, value).as((n, v) -> n + ":" + v).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<byte[]> headerLikeBytes() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of("Received:", "Message-ID:", "Date:", "\r\n", "\n", "\r", " ", "\t", ":",
                        "\r\n\r\n", "\u00ff", "\0"),
                Arbitraries.strings().ofMaxLength(20));
        return piece.list().ofMaxSize(60).map(parts -> String.join("", parts).getBytes(StandardCharsets.ISO_8859_1));
    }
}
