package org.postroom.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A held file's name whose milliseconds do not fit a long is not a held message (it was a NumberFormatException: 500). */
class HeldMailNameTest {
    @TempDir
    Path data;

    @Test
    void aNineteenDigitTimestampIsNoHeldMessage() throws Exception {
        Path dir = HeldMail.dir(data, "office");
        Files.createDirectories(dir);
        String tooBig = "9999999999999999999-0123456789abcdef.eml";
        String fine = "1700000000000-0123456789abcdef.eml";
        Files.writeString(dir.resolve(tooBig), "Subject: x\r\n\r\nbody\r\n");
        Files.writeString(dir.resolve(fine), "Subject: y\r\n\r\nbody\r\n");
        assertThat(HeldMail.list(data)).extracting(HeldMail.Held::id).containsExactly(fine);
        assertThatThrownBy(() -> HeldMail.find(data, "office", tooBig)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HeldMail.find(data, "office", fine).subject()).isEqualTo("y");
    }
}
