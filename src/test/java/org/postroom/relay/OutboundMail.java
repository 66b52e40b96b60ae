package org.postroom.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.postroom.testing.RawSmtp;

/** Test helpers: send a message through Postroom's SMTP door as a trusted office client, and read notices. */
final class OutboundMail {
    private OutboundMail() {}

    /** Sends one message over plain SMTP and returns the reply to the final dot (or the first refusal). */
    static String send(int port, String from, List<String> to, String message) throws IOException {
        try (RawSmtp smtp = RawSmtp.connect(port)) {
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("EHLO client.office.test")).startsWith("250");
            String mail = smtp.command("MAIL FROM:<" + from + ">" + (message.chars().anyMatch(c -> c > 127) ? " BODY=8BITMIME" : ""));
            if (!mail.startsWith("250")) return mail;
            for (String rcpt : to) {
                String reply = smtp.command("RCPT TO:<" + rcpt + ">");
                if (!reply.startsWith("250")) return reply;
            }
            assertThat(smtp.command("DATA")).startsWith("354");
            StringBuilder stuffed = new StringBuilder();
            for (String line : message.split("\r\n", -1)) stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
            String data = stuffed.toString();
            if (message.endsWith("\r\n")) data = data.substring(0, data.length() - 2);
            smtp.send(data + ".\r\n");
            String reply = smtp.reply();
            smtp.command("QUIT");
            return reply;
        }
    }

    static String message(String subject, String body) {
        return "From: Alice <alice@office.test>\r\nTo: <bob@example.com>\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@office.test>\r\n\r\n" + body + "\r\n";
    }

    /** Parses a stored message with Angus Mail (an independent MIME reader). */
    static MimeMessage parse(Path file) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(Files.readAllBytes(file)));
    }
}
