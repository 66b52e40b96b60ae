package org.postroom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What readers do with a Maildir: list, open, flag seen, remove; file names by the Maildir++ rules. */
class MaildirReadingTest {
    @TempDir
    Path dir;

    private Path put(Maildir maildir, String folder, String name, String content, long mtimeSeconds) throws Exception {
        Path file = maildir.root().resolve(folder).resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeSeconds * 1000));
        return file;
    }

    @Test
    void namesAndFlags() {
        assertThat(Maildir.uniqueName("123.M4P5Q6.host,S=99")).isEqualTo("123.M4P5Q6.host");
        assertThat(Maildir.uniqueName("123.M4P5Q6.host,S=99:2,S")).isEqualTo("123.M4P5Q6.host");
        assertThat(Maildir.uniqueName("123.host:2,")).isEqualTo("123.host");
        assertThat(Maildir.uniqueName("plain")).isEqualTo("plain");
        assertThat(Maildir.hasFlag("x:2,FS", 'S')).isTrue();
        assertThat(Maildir.hasFlag("x:2,F", 'S')).isFalse();
    }

    @Test
    void listsNewAndCurOldestFirstSkippingDotFiles() throws Exception {
        Maildir maildir = new Maildir(dir.resolve("m"));
        assertThat(maildir.messages()).isEmpty(); // not created yet
        maildir.create();
        put(maildir, "cur", "b,S=3:2,S", "bbb", 200);
        put(maildir, "new", "a,S=2", "aa", 100);
        put(maildir, "new", "c", "c", 300);
        put(maildir, "new", ".hidden", "x", 50);
        put(maildir, "tmp", "d", "being written", 10);
        List<StoredMessage> messages = maildir.messages();
        assertThat(messages).extracting(StoredMessage::uniqueName).containsExactly("a", "b", "c");
        assertThat(messages).extracting(StoredMessage::size).containsExactly(2L, 3L, 1L);
        assertThat(messages).extracting(StoredMessage::seen).containsExactly(false, true, false);
    }
}
