package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.postroom.message.HeaderSummary;

/**
 * Fuzzes {@link HeaderSummary#scan}: any bytes at all are a possible message, so it must never throw; and on
 * a header section built from known fields it must count what a reader of RFC 5322 2.2 would count.
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
