package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.ConfigLoader;
import org.postroom.testing.RawImap;
import org.postroom.testing.TestPostroom;

/** {@code postroom reload} gives new IMAP sessions the edited {@code [imap]} settings; its ports need a restart. */
class ImapReloadCliTest {
    @TempDir
    Path dir;
    TestPostroom postroom;

    @AfterEach
    void stop() {
        if (postroom != null) postroom.close();
    }

    @Test
    void anEditedImapTableReachesTheNextSession() throws Exception {
        postroom = TestPostroom.start(dir, "[imap]\nport = 0\ntls_port = 0\nappend_limit = 4096\n");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            assertThat(imap.line()).contains(" APPENDLIMIT=4096");
        }
        Path toml = dir.resolve(ConfigLoader.FILE_NAME);
        Files.writeString(toml, Files.readString(toml).replace("append_limit = 4096", "append_limit = 8192\ntls_port = 12993")
                .replace("tls_port = 0\nappend", "append"));
        Cli.Result reloaded = Cli.run("reload", "--data=" + dir);
        assertThat(reloaded.code()).as(reloaded.toString()).isZero();
        assertThat(reloaded.out()).contains("[imap]", "needs a restart: [imap] tls_port 0 -> 12993");
        try (RawImap imap = RawImap.connect(postroom.imapPort())) {
            assertThat(imap.line()).contains(" APPENDLIMIT=8192");
        }
    }
}
