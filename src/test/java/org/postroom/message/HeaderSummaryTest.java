package org.postroom.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Message-ID intake logs: the first one, unfolded, bounded, and unable to forge a log line. */
class HeaderSummaryTest {

    private static HeaderSummary scan(String text) throws IOException {
        return HeaderSummary.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFirstMessageIdUnfolded() throws IOException {
        HeaderSummary summary = scan("Subject: x\r\nMessage-ID:\r\n <first@example.net>\r\nMessage-ID: <second@example.net>\r\n\r\nbody\r\n");

        assertThat(summary.hasMessageId()).isTrue();
        assertThat(summary.messageId()).isEqualTo("<first@example.net>");
    }

    @Test
    void noMessageIdIsEmpty() throws IOException {
        HeaderSummary summary = scan("Subject: x\r\n\r\nMessage-ID: <in-the-body@example.net>\r\n");

        assertThat(summary.hasMessageId()).isFalse();
        assertThat(summary.messageId()).isEmpty();
    }

    @Test
    void aHugeMessageIdIsCutAndItsControlCharactersCannotForgeALogLine() throws IOException {
        String id = "<" + "x".repeat(100) + "\u0007\u00e9" + "y".repeat(10_000) + "@example.net>";
        HeaderSummary summary = scan("Message-ID: " + id + "\r\n\t" + "z".repeat(100_000) + "\r\nReceived: from a\r\n\r\n");

        assertThat(summary.messageId()).hasSize(HeaderSummary.MAX_ID).startsWith("<" + "x".repeat(100) + "??y");
        assertThat(summary.receivedCount()).isEqualTo(1); // the rest of the header section is still read
    }
}
