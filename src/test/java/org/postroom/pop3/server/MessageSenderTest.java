package org.postroom.pop3.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dot-stuffing, termination and TOP's cut, for every buffer size down to one octet (chunk edges everywhere). */
class MessageSenderTest {

    private static String retr(String message, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageSender(bufferSize).sendAll(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String top(String message, int lines, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageSender(bufferSize).sendTop(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), out, lines);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 64, 65536})
    void dotsAtLineStartsAreStuffed(int bufferSize) throws IOException {
        assertThat(retr(".a\r\nb.\r\n..\r\n.\r\nc\r\n", bufferSize)).isEqualTo("..a\r\nb.\r\n...\r\n..\r\nc\r\n.\r\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 65536})
    void termination(int bufferSize) throws IOException {
        assertThat(retr("", bufferSize)).isEqualTo(".\r\n");
        assertThat(retr("no line end", bufferSize)).isEqualTo("no line end\r\n.\r\n");
        assertThat(retr("ends in CR\r", bufferSize)).isEqualTo("ends in CR\r\r\n.\r\n");
        // Stored bare LFs (another program's file): a dot after one is stuffed too, and the end gets its CRLF.
        assertThat(retr("a\n.\nb\n", bufferSize)).isEqualTo("a\n..\nb\n\r\n.\r\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 65536})
    void topSendsTheHeaderTheBlankLineAndNLines(int bufferSize) throws IOException {
        String message = "A: 1\r\nB: 2\r\n\r\none\r\n.two\r\nthree\r\n";
        assertThat(top(message, 0, bufferSize)).isEqualTo("A: 1\r\nB: 2\r\n\r\n.\r\n");
        assertThat(top(message, 1, bufferSize)).isEqualTo("A: 1\r\nB: 2\r\n\r\none\r\n.\r\n");
        assertThat(top(message, 2, bufferSize)).isEqualTo("A: 1\r\nB: 2\r\n\r\none\r\n..two\r\n.\r\n");
        assertThat(top(message, 99, bufferSize)).isEqualTo("A: 1\r\nB: 2\r\n\r\none\r\n..two\r\nthree\r\n.\r\n");
        assertThat(top("A: 1\r\nB: 2\r\n", 0, bufferSize)).isEqualTo("A: 1\r\nB: 2\r\n.\r\n"); // no body at all
        assertThat(top("A: 1\r\n\r\n\r\nthird\r\n", 1, bufferSize)).isEqualTo("A: 1\r\n\r\n\r\n.\r\n"); // an empty body line counts
        assertThat(top("A: 1\n\nbody\n", 0, bufferSize)).isEqualTo("A: 1\n\n\r\n.\r\n"); // bare LF file
    }
}
