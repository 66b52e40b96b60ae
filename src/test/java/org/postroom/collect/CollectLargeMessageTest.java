package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.ConfigLoader;
import org.postroom.store.StoredMessage;

/** A 50 MiB message is streamed to disk and stored byte for byte (the collector spills to a file past 1 MiB). */
class CollectLargeMessageTest {
    @TempDir
    Path dir;

    @Test
    void fiftyMebibytesArriveWhole() throws Exception {
        StringBuilder body = new StringBuilder(51 << 20);
        String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz\r\n";
        while (body.length() < (50 << 20)) body.append(line);
        String message = "Delivered-To: alice@office.test\r\nMessage-ID: <big@x>\r\n\r\n" + body;
        try (Office office = new Office(dir); ScriptedPop3 provider = new ScriptedPop3()) {
            provider.messages.add(message);
            String toml = "[[collect.account]]\nname = \"big\"\nhost = \"127.0.0.1\"\nport = " + provider.port()
                    + "\ntls = \"none\"\nallow_plaintext = true\nlogin = \"o\"\npassword = \"x\"\nmode = \"multi-drop\"\nmax_message_size = \"60M\"\n";

            CycleReport report = office.collect(ConfigLoader.parse(dir, dir.resolve("postroom.toml"), toml).collect().getFirst());

            assertThat(report.error()).isEmpty();
            var maildir = office.store.maildir(Office.a("alice@office.test"));
            StoredMessage stored = maildir.messages().getFirst();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            boolean afterTrace = false;
            StringBuilder head = new StringBuilder();
            try (InputStream in = maildir.open(stored)) {
                // Skip the trace headers intake added (Return-Path, Received) up to the provider's first header.
                int b;
                while (!afterTrace && (b = in.read()) >= 0) {
                    head.append((char) b);
                    if (head.toString().endsWith("\r\nDelivered-To: ")) afterTrace = true;
                }
                sha.update("Delivered-To: ".getBytes(StandardCharsets.US_ASCII));
                size = "Delivered-To: ".length();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                    size += n;
                }
            }
            assertThat(size).isEqualTo(message.length());
            assertThat(HexFormat.of().formatHex(sha.digest()))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.US_ASCII))));
            assertThat(provider.messages).isEmpty();
        }
    }
}
