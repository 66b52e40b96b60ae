package org.postroom.admin;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a new password: typed twice at the terminal without echo, or one line from standard input for scripts
 * ({@code --password-stdin}, as {@code docker login} has it). Never from the command line, where it would show in
 * the process list and the shell's history.
 */
final class PasswordInput {

    private PasswordInput() {}

    static char[] read(boolean fromStdin) {
        return fromStdin ? fromStream(System.in) : fromConsole();
    }

    /** One line, without its line ending. Reads byte by byte so that nothing after the line is consumed. */
    static char[] fromStream(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                any = true;
                if (b == '\n') break;
                line.write(b);
            }
            if (!any) throw new UsageError("no password on standard input");
        } catch (IOException e) {
            throw new UsageError("cannot read the password from standard input: " + e.getMessage());
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') length--;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length));
        char[] password = Arrays.copyOf(chars.array(), chars.limit());
        Arrays.fill(bytes, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return password;
    }

    private static char[] fromConsole() {
        Console console = System.console();
        // Since Java 22 System.console() exists even when nothing is attached; only a terminal can read without echo.
        if (console == null || !console.isTerminal()) {
            throw new UsageError("no terminal to ask for the password; pipe it in with --password-stdin");
        }
        char[] first = console.readPassword("New password: ");
        if (first == null) throw new UsageError("no password given");
        char[] second = console.readPassword("Repeat the password: ");
        try {
            if (second == null || !Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new UsageError("the passwords do not match");
            }
            return first;
        } finally {
            if (second != null) Arrays.fill(second, '\0');
        }
    }
}
