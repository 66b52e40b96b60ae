package org.postroom.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.postroom.smtp.CommandParser;
import org.postroom.smtp.SmtpCommand;
import org.postroom.testing.TestPostroom;

/**
 * The random sessions of {@link SmtpSessionFuzzTest}: valid commands, damaged commands, SMTP-alphabet noise, raw
 * bytes, long lines, DATA and BDAT bodies, odd line endings. A "strict" script holds only lines that each get
 * exactly one reply, so the test can count them.
 */
final class SessionScripts {
    /** What one session sent: its bytes, and how many command lines it holds when strict. */
    record Script(List<byte[]> items, int lines) {
        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            items.forEach(all::writeBytes);
            return all.toByteArray();
        }
    }

    private static final String AUTH_PLAIN = "AUTH PLAIN " + Base64.getEncoder().encodeToString(
            ("\0alice@office.test\0" + TestPostroom.PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final String[] VALID = {
        "EHLO client.test", "HELO client.test", "EHLO [127.0.0.1]", "MAIL FROM:<bob@example.com>", "MAIL FROM:<>",
        "MAIL FROM:<bob@example.com> SIZE=100 BODY=8BITMIME", "MAIL FROM:<alice@office.test>", "MAIL FROM:<j\u00f6rg@example.com> SMTPUTF8",
        "RCPT TO:<postmaster@office.test>", "RCPT TO:<alice@office.test>", "RCPT TO:<Postmaster>", "RCPT TO:<nobody@office.test>",
        "RCPT TO:<someone@elsewhere.test>", "RCPT TO:<alice+tag@OFFICE.TEST>", "RSET", "NOOP", "NOOP hello", "HELP", "VRFY alice",
        "EXPN staff", "MAIL FROM:<bob@example.com> SIZE=99999999", "MAIL FROM:<bob@example.com> FOO=bar", "RCPT TO:<x@[127.0.0.1]>",
    };
    private static final String[] LOOSE_ONLY = {
        "DATA", "BDAT 0 LAST", "AUTH PLAIN", "AUTH LOGIN", AUTH_PLAIN, "AUTH PLAIN =", "AUTH CRAM-MD5", "*", "QUIT",
    };
    private static final String[] PREFIXES = {"MAIL FROM:", "RCPT TO:", "EHLO ", "BDAT ", "AUTH ", "HELO ", "VRFY ", ""};

    private final Random random;

    SessionScripts(Random random) {
        this.random = random;
    }

    Script script(boolean strict) {
        List<byte[]> items = new ArrayList<>();
        int count = 1 + random.nextInt(strict ? 20 : 40);
        if (random.nextBoolean()) items.add(line("EHLO fuzz.test"));
        while (items.size() < count) {
            byte[] item = strict ? strictLine() : looseItem();
            if (item != null) items.add(item);
        }
        if (!strict && random.nextInt(20) == 0) items.add(line("STARTTLS"));
        return new Script(items, items.size());
    }

    /** A line that gets exactly one reply: no DATA, BDAT, AUTH, STARTTLS, QUIT, and no LF inside. */
    private byte[] strictLine() {
        byte[] body = switch (random.nextInt(6)) {
            case 0, 1 -> utf8(pick(VALID));
            case 2 -> mutate(utf8(pick(VALID)), false);
            case 3 -> utf8(pick(PREFIXES) + alphabet(random.nextInt(60)));
            case 4 -> randomBytes(random.nextInt(80), false);
            default -> longLine();
        };
        if (!answeredOnce(body)) return null;
        return withEnding(body, "\r\n");
    }

    private boolean answeredOnce(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return answeredOnce(CommandParser.parse(text)) && answeredOnce(CommandParser.parse(text.strip()));
    }

    private static boolean answeredOnce(SmtpCommand command) {
        return !(command instanceof SmtpCommand.Data || command instanceof SmtpCommand.Bdat || command instanceof SmtpCommand.Auth
                || command instanceof SmtpCommand.StartTls || command instanceof SmtpCommand.Quit);
    }

    private byte[] looseItem() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> line(pick(VALID));
            case 2 -> random.nextInt(4) == 0 ? line(pick(LOOSE_ONLY)) : line(pick(VALID));
            case 3 -> withEnding(mutate(utf8(pick(random.nextBoolean() ? VALID : LOOSE_ONLY)), true), ending());
            case 4 -> withEnding(utf8(pick(PREFIXES) + alphabet(random.nextInt(80))), ending());
            case 5 -> randomBytes(random.nextInt(300), true);
            case 6 -> withEnding(longLine(), ending());
            case 7 -> dataBlock();
            case 8 -> bdatBlock();
            default -> withEnding(utf8(pick(VALID)), ending());
        };
    }

    /** DATA and a body: dot-stuffed lines, bare LFs now and then, ended or not. */
    private byte[] dataBlock() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(line("MAIL FROM:<bob@example.com>"));
        out.writeBytes(line("RCPT TO:<" + (random.nextBoolean() ? "alice" : "postmaster") + "@office.test>"));
        out.writeBytes(line("DATA"));
        int lines = random.nextInt(20);
        for (int i = 0; i < lines; i++) {
            byte[] body = switch (random.nextInt(6)) {
                case 0 -> utf8("..stuffed");
                case 1 -> utf8(".");
                case 2 -> randomBytes(random.nextInt(100), false);
                case 3 -> utf8("x".repeat(random.nextInt(1100)));
                default -> utf8("Subject: " + alphabet(random.nextInt(40)));
            };
            out.writeBytes(withEnding(body, random.nextInt(10) == 0 ? "\n" : "\r\n"));
        }
        if (random.nextInt(5) != 0) out.writeBytes(line("."));
        return out.toByteArray();
    }

    /** BDAT with a size that is right, a little off, or absurd. */
    private byte[] bdatBlock() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextBoolean()) {
            out.writeBytes(line("MAIL FROM:<bob@example.com>"));
            out.writeBytes(line("RCPT TO:<postmaster@office.test>"));
        }
        byte[] chunk = randomBytes(random.nextInt(200), true);
        long declared = switch (random.nextInt(5)) {
            case 0 -> chunk.length + random.nextInt(5);
            case 1 -> Math.max(0, chunk.length - random.nextInt(5));
            case 2 -> 999_999_999_999L;
            default -> chunk.length;
        };
        out.writeBytes(line("BDAT " + declared + (random.nextBoolean() ? " LAST" : "")));
        out.writeBytes(chunk);
        return out.toByteArray();
    }

    private byte[] mutate(byte[] bytes, boolean anyByte) {
        byte[] out = bytes.clone();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            out[at] = anyByte ? (byte) random.nextInt(256) : (byte) SmtpArbitraries.SMTP_ALPHABET.charAt(random.nextInt(SmtpArbitraries.SMTP_ALPHABET.length()));
        }
        if (random.nextInt(4) == 0 && out.length > 1) return Arrays.copyOf(out, random.nextInt(out.length));
        return out;
    }

    private byte[] randomBytes(int n, boolean withLineEnds) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        if (!withLineEnds) {
            for (int i = 0; i < n; i++) if (out[i] == '\n') out[i] = 'n';
        } else {
            for (int i = 0; i < n; i++) if (random.nextInt(30) == 0) out[i] = (byte) (random.nextBoolean() ? '\n' : '\r');
        }
        return out;
    }

    private byte[] longLine() {
        int n = 500 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 600);
        return utf8(pick(PREFIXES) + "a".repeat(n));
    }

    private String alphabet(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) s.append(SmtpArbitraries.SMTP_ALPHABET.charAt(random.nextInt(SmtpArbitraries.SMTP_ALPHABET.length())));
        return s.toString();
    }

    private String ending() {
        return switch (random.nextInt(20)) {
            case 0 -> "\n";
            case 1 -> "\r";
            case 2 -> "";
            default -> "\r\n";
        };
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] line(String text) {
        return utf8(text + "\r\n");
    }

    private static byte[] withEnding(byte[] body, String ending) {
        byte[] end = ending.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(body, body.length + end.length);
        System.arraycopy(end, 0, out, body.length, end.length);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
