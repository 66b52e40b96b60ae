package org.postroom.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5321 4.5.2 transparency on the way out, and the end of data. */
class DotStuffingTest {

    private static String stuff(String content, int chunk) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffing d = new DotStuffing(out);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) d.write(bytes, i, Math.min(chunk, bytes.length - i));
        d.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dotsAtLineStartsAreDoubledWhateverTheWriteSizes() throws Exception {
        String content = ".first\r\nmiddle . dot\r\n..two\r\n.\r\nlast\r\n";
        String expected = "..first\r\nmiddle . dot\r\n...two\r\n..\r\nlast\r\n.\r\n";
        for (int chunk : new int[] {1, 2, 3, 7, 1000}) assertThat(stuff(content, chunk)).as("chunk %d", chunk).isEqualTo(expected);
    }

    @Test
    void aMissingFinalLineEndIsAddedAndBareLfIsStuffedToo() throws Exception {
        assertThat(stuff("no line end", 4)).isEqualTo("no line end\r\n.\r\n");
        assertThat(stuff("a\n.b\r\n", 1)).isEqualTo("a\n..b\r\n.\r\n");
        assertThat(stuff("", 1)).isEqualTo(".\r\n");
        assertThat(stuff("ends in CR\r", 5)).isEqualTo("ends in CR\r\r\n.\r\n");
    }
}
