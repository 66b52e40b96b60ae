package org.postroom.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postroom.message.MailAddress;

/** The envelope file: readable JSON, read back exactly; damage is reported, not guessed at. */
class EnvelopeCodecTest {

    @Test
    void roundTrip() throws Exception {
        Instant t = Instant.parse("2026-03-02T09:00:00Z");
        QueuedRecipient a = QueuedRecipient.pending(MailAddress.parse("\"odd name\"@example.com"), Optional.of(MailAddress.parse("info@office.test")), t)
                .deferred(t.plusSeconds(5), new Diagnosis("4.7.8", "535 5.7.8 bad login", Optional.of("smtp.example.net:587"), true, true),
                        t.plusSeconds(300));
        QueuedRecipient b = QueuedRecipient.pending(MailAddress.parse("b@example.org"), Optional.empty(), t)
                .failed(t.plusSeconds(5), Diagnosis.local("5.3.4", "too big")).withNotified();
        QueueEntry entry = new QueueEntry("ABC123", Optional.empty(), t, 1234, QueueEntry.Kind.NOTICE, true, false,
                Optional.of("held by the administrator"), true, List.of(a, b));
        byte[] json = EnvelopeCodec.encode(entry);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"state\" : \"deferred\"", "\"sender\" : \"\"", "\"kind\" : \"notice\"");
        assertThat(EnvelopeCodec.decode(json)).isEqualTo(entry);
    }

    @Test
    void damageIsReported() {
        assertThatThrownBy(() -> EnvelopeCodec.decode("{\"version\":1,\"id\":\"X\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a valid envelope");
        assertThatThrownBy(() -> EnvelopeCodec.decode("{\"version\":9}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("version 9");
        assertThatThrownBy(() -> EnvelopeCodec.decode("{not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(java.io.IOException.class);
    }
}
