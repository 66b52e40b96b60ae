package org.postroom.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spill file's life: removed on close, and when it cannot be written, removed at once with the rest of the
 * message counted but dropped, and reading refused. (The real full disk is in SmtpDiskFullTest and
 * CollectDiskFullTest; this one needs no root: the spill folder cannot even be made.)
 */
class SpooledMessageTest {
    @TempDir
    Path dir;

    @Test
    void aSpilledMessageReadsBackAndItsFileGoesOnClose() throws Exception {
        Path spill = dir.resolve("spill");
        SpooledMessage m = new SpooledMessage(spill, 16);
        m.write("0123456789".getBytes());
        m.write("abcdefghij".getBytes());
        try (var files = Files.list(spill)) {
            assertThat(files.toList()).hasSize(1);
        }
        assertThat(m.open().readAllBytes()).isEqualTo("0123456789abcdefghij".getBytes());
        m.close();
        try (var files = Files.list(spill)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aSpillThatFailsIsCountedDroppedAndRefusesToBeRead() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        SpooledMessage m = new SpooledMessage(notAFolder.resolve("spill"), 16);
        m.write("0123456789".getBytes());
        m.write("abcdefghij".getBytes()); // crosses the threshold: the spill fails, no exception to the writer
        m.write("klmnopqrst".getBytes());
        assertThat(m.spillFailure()).isPresent();
        assertThat(m.size()).isEqualTo(30);
        assertThatThrownBy(m::open).isInstanceOf(SpooledMessage.SpillFailedException.class).hasMessageContaining("could not be written");
        assertThatThrownBy(() -> m.copyTo(new ByteArrayOutputStream())).isInstanceOf(SpooledMessage.SpillFailedException.class);
        m.close();
    }
}
