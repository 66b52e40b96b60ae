package org.postroom.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.message.MailAddress;

/** The queue file: the message and its intake envelope in one file; a file cut short anywhere is never taken as whole. */
class QueueFileTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final byte[] MESSAGE = "Subject: caf\u00e9\r\n\r\nline one\r\n.\r\nlast\r\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private QueueEntry write(Path file) throws IOException {
        return QueueFile.write(file, out -> out.write(MESSAGE), facts -> new QueueEntry("Q1", Optional.of(MailAddress.parse("a@office.test")), T,
                facts.size(), QueueEntry.Kind.MESSAGE, facts.eightBit(), facts.utf8Headers(), Optional.empty(), false,
                List.of(QueuedRecipient.pending(MailAddress.parse("b@example.org"), Optional.empty(), T))));
    }

    @Test
    void theMessageAndItsEnvelopeComeBackExactly() throws Exception {
        Path file = dir.resolve("Q1.msg");
        QueueEntry written = write(file);
        assertThat(written.size()).isEqualTo(MESSAGE.length);
        assertThat(written.eightBit()).isTrue();
        assertThat(written.smtpUtf8()).isTrue();
        assertThat(QueueFile.readEnvelope(file)).isEqualTo(written);
        assertThat(QueueFile.readVerified(file)).isEqualTo(written);
        try (InputStream in = QueueFile.openMessage(file, written.size())) {
            assertThat(in.readAllBytes()).isEqualTo(MESSAGE);
        }
        try (InputStream in = QueueFile.openMessage(file, written.size())) { // one octet at a time stops at the same place
            int count = 0;
            while (in.read() >= 0) count++;
            assertThat(count).isEqualTo(MESSAGE.length);
        }
        String tail = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(tail).containsPattern("\npostroom-envelope " + String.format("%012d", EnvelopeCodec.encode(written).length) + " [0-9a-f]{8}\n$");
    }

    @Test
    void aFileCutShortAnywhereIsNotWhole() throws Exception {
        Path whole = dir.resolve("Q1.msg");
        write(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.msg");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            int shown = length;
            assertThatThrownBy(() -> QueueFile.readEnvelope(cut)).as("cut at %d of %d", shown, bytes.length).isInstanceOf(DamagedQueueFile.class);
        }
    }

    @Test
    void aDamagedFooterOrEnvelopeIsReportedWithTheFileName() throws Exception {
        Path file = dir.resolve("Q1.msg");
        write(file);
        byte[] bytes = Files.readAllBytes(file);
        for (long claimed : new long[] {bytes.length, 999_999_999_999L}) { // longer than the file; absurd (and not an int)
            byte[] lying = Arrays.copyOf(bytes, bytes.length);
            byte[] footer = String.format("\npostroom-envelope %012d 00000000\n", claimed).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(footer, 0, lying, bytes.length - QueueFile.FOOTER_LENGTH, QueueFile.FOOTER_LENGTH);
            Files.write(file, lying);
            assertThatThrownBy(() -> QueueFile.readVerified(file)).isInstanceOf(DamagedQueueFile.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("the footer gives an envelope of " + claimed);
        }

        byte[] extra = new byte[bytes.length + 1]; // one octet more in the message than the envelope's size says
        System.arraycopy(bytes, 0, extra, 1, bytes.length);
        extra[0] = 'X';
        Files.write(file, extra);
        assertThatThrownBy(() -> QueueFile.readEnvelope(file)).hasMessageContaining("the envelope gives " + MESSAGE.length);
    }

    @Test
    void aFileWhoseBlocksDidNotAllReachTheDiskFailsItsChecksum() throws Exception {
        Path file = dir.resolve("Q1.msg");
        QueueEntry written = write(file);
        byte[] bytes = Files.readAllBytes(file);
        for (int at : new int[] {0, MESSAGE.length - 1, MESSAGE.length + 3}) { // in the message, and in the envelope's JSON
            byte[] zeroed = Arrays.copyOf(bytes, bytes.length);
            zeroed[at] = 0;
            Files.write(file, zeroed);
            assertThatThrownBy(() -> QueueFile.readVerified(file)).as("octet %d zeroed", at).isInstanceOf(DamagedQueueFile.class);
        }
        byte[] zeroedMessage = Arrays.copyOf(bytes, bytes.length);
        zeroedMessage[5] = 0;
        Files.write(file, zeroedMessage);
        assertThat(QueueFile.readEnvelope(file)).isEqualTo(written); // the quick read (no checksum) is for files known to be synced
    }

    @Test
    void theCheckBeforeASendRefusesAFileCutShortOrChangedAndTakesTheOlderLayout() throws Exception {
        Path file = dir.resolve("Q1.msg");
        QueueEntry written = write(file);
        try (InputStream in = QueueFile.verify(file, written.size()).open()) {
            assertThat(in.readAllBytes()).isEqualTo(MESSAGE); // the message alone, from the copy the check read
        }
        byte[] bytes = Files.readAllBytes(file);

        for (int length : new int[] {bytes.length - 1, MESSAGE.length + 5, MESSAGE.length - 1, 10}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> QueueFile.verify(file, written.size())).as("cut to %d", length).isInstanceOf(DamagedQueueFile.class);
        }
        byte[] flipped = Arrays.copyOf(bytes, bytes.length);
        flipped[7] ^= 0x20; // "caf\u00e9" becomes "cAf\u00e9": a single bit, in the message
        Files.write(file, flipped);
        assertThatThrownBy(() -> QueueFile.verify(file, written.size())).isInstanceOf(DamagedQueueFile.class).hasMessageContaining("checksum");
        Files.write(file, bytes);
        assertThatThrownBy(() -> QueueFile.verify(file, written.size() + 1)).isInstanceOf(DamagedQueueFile.class)
                .hasMessageContaining("the envelope gives " + (MESSAGE.length + 1)); // an envelope file that disagrees

        Files.write(file, MESSAGE); // the older layout: the message alone, its envelope in ID.json
        try (InputStream in = QueueFile.verify(file, MESSAGE.length).open()) {
            assertThat(in.readAllBytes()).isEqualTo(MESSAGE);
        }
        assertThatThrownBy(() -> QueueFile.verify(file, MESSAGE.length + 1)).isInstanceOf(DamagedQueueFile.class);
    }

    @Test
    void aLargeFileIsCheckedInOnePassAndStreamedForTheSend() throws Exception {
        Path file = dir.resolve("Q1.msg");
        byte[] large = new byte[QueueFile.SEND_FROM_MEMORY + 1000];
        Arrays.fill(large, (byte) 'x');
        QueueEntry written = QueueFile.write(file, out -> out.write(large), facts -> new QueueEntry("Q1", Optional.empty(), T, facts.size(),
                QueueEntry.Kind.MESSAGE, false, false, Optional.empty(), false, List.of(QueuedRecipient.pending(MailAddress.parse("b@example.org"), Optional.empty(), T))));
        try (InputStream in = QueueFile.verify(file, written.size()).open()) {
            assertThat(in.readAllBytes()).isEqualTo(large);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[QueueFile.SEND_FROM_MEMORY + 10] = 'y';
        Files.write(file, bytes);
        assertThatThrownBy(() -> QueueFile.verify(file, written.size())).isInstanceOf(DamagedQueueFile.class).hasMessageContaining("checksum");
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("Q1.msg");
        Files.writeString(file, "someone else's");
        assertThatThrownBy(() -> write(file)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("someone else's");
    }
}
