package org.postroom.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * The envelope file's JSON. The file is meant to be read by people too ({@code cat data/queue/ID.json}): times in
 * ISO 8601 UTC, addresses as written, states in lower case. Records with plain fields mirror the JSON; the queue
 * works with {@link QueueEntry}.
 *
 * <p>SECURITY: the file is Postroom's own, but it may have been damaged (disk, hand edits): a file that does not
 * decode is reported with its name, never guessed at.
 */
final class EnvelopeCodec {
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EnvelopeCodec() {}

    record EnvelopeJson(int version, String id, String sender, String created, long size, String kind, boolean eightBit,
            boolean smtpUtf8, String held, boolean delayNoticeSent, List<RecipientJson> recipients) {}

    record RecipientJson(String address, String original, String state, int attempts, String nextAttempt, String lastAttempt,
            DiagnosisJson last, boolean notified) {}

    record DiagnosisJson(String status, String text, String remoteMta, boolean smtpReply, boolean configProblem) {}

    static byte[] encode(QueueEntry e) {
        List<RecipientJson> recipients = e.recipients().stream().map(r -> new RecipientJson(
                r.address().toString(), r.original().map(MailAddress::toString).orElse(null), lower(r.state()), r.attempts(),
                r.nextAttempt().toString(), r.lastAttempt().map(Instant::toString).orElse(null),
                r.last().map(d -> new DiagnosisJson(d.status(), d.text(), d.remoteMta().orElse(null), d.smtpReply(), d.configProblem()))
                        .orElse(null),
                r.notified())).toList();
        EnvelopeJson json = new EnvelopeJson(VERSION, e.id(), e.sender().map(MailAddress::toString).orElse(""), e.created().toString(),
                e.size(), lower(e.kind()), e.eightBit(), e.smtpUtf8(), e.held().orElse(null), e.delayNoticeSent(), recipients);
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e2) {
            throw new IllegalStateException("cannot write an envelope as JSON", e2);
        }
    }

    /** Decodes an envelope file; {@link IOException} names what is wrong with it. */
    static QueueEntry decode(byte[] bytes) throws IOException {
        EnvelopeJson json = JSON.readValue(bytes, EnvelopeJson.class);
        try {
            if (json.version() != VERSION) throw new IOException("envelope version " + json.version() + ", expected " + VERSION);
            List<QueuedRecipient> recipients = json.recipients().stream().map(r -> new QueuedRecipient(
                    MailAddress.parse(r.address()),
                    Optional.ofNullable(r.original()).map(MailAddress::parse),
                    RecipientState.valueOf(r.state().toUpperCase(Locale.ROOT)),
                    r.attempts(),
                    Instant.parse(r.nextAttempt()),
                    Optional.ofNullable(r.lastAttempt()).map(Instant::parse),
                    Optional.ofNullable(r.last()).map(d -> new Diagnosis(d.status(), d.text(), Optional.ofNullable(d.remoteMta()),
                            d.smtpReply(), d.configProblem())),
                    r.notified())).toList();
            return new QueueEntry(json.id(),
                    json.sender() == null || json.sender().isEmpty() ? Optional.empty() : Optional.of(MailAddress.parse(json.sender())),
                    Instant.parse(json.created()), json.size(), QueueEntry.Kind.valueOf(json.kind().toUpperCase(Locale.ROOT)),
                    json.eightBit(), json.smtpUtf8(), Optional.ofNullable(json.held()), json.delayNoticeSent(), recipients);
        } catch (RuntimeException e) {
            throw new IOException("not a valid envelope: " + e.getMessage(), e);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
