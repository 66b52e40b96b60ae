package org.postroom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Runs a {@code C:}/{@code S:} script against a server over a real socket, as Apache James' MPT scripts do.
 * {@code C: text} sends the text and CRLF; {@code S: pattern} reads one reply line and matches it as a regular
 * expression ({@code S:} alone, an empty line); {@code S: <closed>} expects the server to have closed the
 * connection.
 */
public final class Transcript {
    private Transcript() {}

    public static void run(int port, String script) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line : script.split("\n", -1)) {
                lineNumber++;
                if (line.isBlank()) continue;
                if (line.startsWith("C: ") || line.equals("C:")) {
                    out.write((line.substring(Math.min(3, line.length())) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (line.equals("S: <closed>")) {
                    assertThat(in.readLine()).as("script line %d: connection should be closed", lineNumber).isNull();
                } else if (line.startsWith("S: ") || line.equals("S:")) {
                    String pattern = line.substring(Math.min(3, line.length()));
                    String got = in.readLine();
                    assertThat(got).as("script line %d: expected a reply matching %s", lineNumber, pattern).isNotNull();
                    assertThat(Pattern.compile(pattern).matcher(got).matches())
                            .as("script line %d: reply %s should match %s", lineNumber, got, pattern).isTrue();
                } else {
                    throw new IllegalArgumentException("script line " + lineNumber + " must start with C: or S:");
                }
            }
        }
    }
}
