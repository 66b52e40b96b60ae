package org.postroom.pop3.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 1939 3 byte-stuffing undone at every split of the input; only CRLF "." CRLF ends a response. */
class DotUnstufferTest {

    private static String unstuff(String wire, int split) throws Exception {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotUnstuffer u = new DotUnstuffer(out);
        int used = u.feed(bytes, 0, split);
        if (!u.done()) used += u.feed(bytes, split, bytes.length - split);
        assertThat(u.done()).as("end found").isTrue();
        assertThat(used).isEqualTo(wire.startsWith(".\r\n") ? 3 : wire.indexOf("\r\n.\r\n") + 5);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everySplitGivesTheSameMessage() throws Exception {
        String wire = "A: b\r\n\r\n..dot\r\nbare\n.\r\n.\rx\r\n\r\r\nend\r\n.\r\n";
        String expected = "A: b\r\n\r\n.dot\r\nbare\n.\r\n\rx\r\n\r\r\nend\r\n";
        for (int split = 0; split <= wire.length(); split++) {
            assertThat(unstuff(wire, split)).as("split at " + split).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyMessageEndsAtOnce() throws Exception {
        assertThat(unstuff(".\r\n", 1)).isEmpty();
    }
}
