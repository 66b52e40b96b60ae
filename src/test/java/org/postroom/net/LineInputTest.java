package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Line splitting with a buffer smaller than the lines, so every line ending can fall across two reads. */
class LineInputTest {
    private static LineInput input(String text, int bufferSize) {
        return new LineInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), bufferSize);
    }

    private static String text(LineInput.Line line) {
        return new String(line.bytes(), StandardCharsets.US_ASCII);
    }

    @Test
    void linesAndTheirEndingsAcrossReads() throws IOException {
        for (int bufferSize = 1; bufferSize <= 8; bufferSize++) {
            LineInput in = input("abc\r\nde\nf\r\r\n\r\n", bufferSize);
            LineInput.Line a = in.readLine(100);
            assertThat(text(a)).isEqualTo("abc\r\n");
            assertThat(a.endsWithCrLf()).isTrue();
            LineInput.Line b = in.readLine(100);
            assertThat(text(b)).isEqualTo("de\n");
            assertThat(b.endsWithCrLf()).isFalse();
            LineInput.Line c = in.readLine(100);
            assertThat(text(c)).isEqualTo("f\r\r\n");
            assertThat(c.endsWithCrLf()).isTrue();
            assertThat(in.readLine(100).endsWithCrLf()).isTrue();
            assertThat(in.readLine(100)).as("end of stream").isNull();
        }
    }

    @Test
    void anOverlongLineIsCutButItsEndingIsStillKnown() throws IOException {
        for (int bufferSize = 1; bufferSize <= 8; bufferSize++) {
            LineInput in = input("0123456789\r\n0123456789\n.\r\n", bufferSize);
            LineInput.Line cut = in.readLine(4);
            assertThat(cut.overflow()).isTrue();
            assertThat(text(cut)).isEqualTo("0123");
            assertThat(cut.endsWithCrLf()).as("buffer %d", bufferSize).isTrue();
            LineInput.Line bare = in.readLine(4);
            assertThat(bare.overflow()).isTrue();
            assertThat(bare.endsWithCrLf()).as("buffer %d", bufferSize).isFalse();
            LineInput.Line dot = in.readLine(4);
            assertThat(dot.overflow()).isFalse();
            assertThat(text(dot)).isEqualTo(".\r\n");
        }
    }

    @Test
    void aPartialLastLineIsDropped() throws IOException {
        LineInput in = input("whole\r\npart", 3);
        assertThat(text(in.readLine(100))).isEqualTo("whole\r\n");
        assertThat(in.readLine(100)).isNull();
    }
}
