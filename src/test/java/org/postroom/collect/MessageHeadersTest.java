package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.postroom.message.HeaderSummary;

/**
 * The collector reads a header section exactly as intake does (one scanner): the fields it sees are the ones intake
 * counts. Before, each had its own parser, and they disagreed on the cases below.
 */
class MessageHeadersTest {

    private static MessageHeaders collector(String text) throws IOException {
        return MessageHeaders.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static HeaderSummary intake(String text) throws IOException {
        return HeaderSummary.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Example
    void aFoldedLineAtTheTopContinuesNothingAndNamesNoField() throws IOException {
        String text = " Received: from a.test by b.test for <bob@office.test>\r\nSubject: x\r\n\r\nbody\r\n";

        assertThat(collector(text).all("Received")).isEmpty();
        assertThat(intake(text).receivedCount()).isZero();
    }

    @Example
    void aNameWithSpacesBeforeItsColonIsStillItsName() throws IOException {
        String text = "Received          : from a.test for <bob@office.test>\r\nDate        : today\r\n\r\n";

        assertThat(collector(text).all("Received")).containsExactly("from a.test for <bob@office.test>");
        assertThat(intake(text).receivedCount()).isEqualTo(1);
        assertThat(intake(text).hasDate()).isTrue();
    }

    @Example
    void theLastFieldCountsEvenWithoutALineEnd() throws IOException {
        String text = "Subject: x\r\nDelivered-To: bob@office.test";

        assertThat(collector(text).all("Delivered-To")).containsExactly("bob@office.test");
    }

    @Example
    void foldedValuesAreUnfoldedWithOneSpace() throws IOException {
        String text = "To: alice@office.test,\r\n\t bob@office.test\r\nReceived: from a\r\n  by b\r\n\tfor <carol@office.test>;\r\n  Mon\r\n\r\n";

        MessageHeaders headers = collector(text);

        assertThat(headers.all("To")).containsExactly("alice@office.test, bob@office.test");
        assertThat(headers.all("Received")).containsExactly("from a by b for <carol@office.test>; Mon");
        assertThat(MessageHeaders.receivedFor(headers.all("Received").getFirst())).hasValueSatisfying(a -> assertThat(a).hasToString("carol@office.test"));
    }

    /** Whatever the bytes, the collector's Received, Message-ID and Date fields are the ones intake counts. */
    @Property(tries = 3000)
    void theCollectorAndIntakeSeeTheSameFields(@ForAll @Size(max = 200) List<@From("pieces") String> pieces) throws IOException {
        String text = String.join("", pieces);
        MessageHeaders headers = collector(text);
        HeaderSummary summary = intake(text);

        assertThat(headers.all("Received")).hasSize(summary.receivedCount());
        assertThat(headers.first("Message-ID").isPresent()).isEqualTo(summary.hasMessageId());
        assertThat(headers.first("Date").isPresent()).isEqualTo(summary.hasDate());
    }

    @Provide
    Arbitrary<String> pieces() {
        return Arbitraries.oneOf(
                Arbitraries.of("Received", "received ", "Message-ID", "Date", "Subject", ":", " ", "\t", "\r", "\n", "\r\n",
                        "Received:", " Received:", "\rReceived:", "Date :", "x", "\u00e9"),
                Arbitraries.strings().ofMaxLength(8));
    }
}
