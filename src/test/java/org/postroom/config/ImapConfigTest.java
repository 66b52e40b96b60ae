package org.postroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code [imap]}: its defaults, its ports among the others, and errors that name the line and key. */
class ImapConfigTest {
    private static PostroomConfig parse(String toml) {
        return ConfigLoader.parse(Path.of("data"), Path.of("postroom.toml"), toml);
    }

    @Test
    void defaults() {
        ImapSettings imap = parse("").imap();
        assertThat(imap.port()).isEqualTo(2143);
        assertThat(imap.tlsPort()).isEqualTo(2993);
        assertThat(imap.idleTimeout()).isEqualTo(Duration.ofMinutes(30)); // RFC 3501 5.4: at least 30 minutes
        assertThat(imap.idleCommandTimeout()).isEqualTo(Duration.ofMinutes(60));
        assertThat(imap.appendLimit()).isEqualTo(25L << 20);
        assertThat(imap.plaintextFromOffice()).isFalse();
    }

    @Test
    void aPortTakenByAnotherServiceIsNamed() {
        assertThatThrownBy(() -> parse("[imap]\nport = 2110\n"))
                .hasMessage("postroom.toml:2: imap.port: port 2110 is also pop3.port (its default): two services cannot listen on one port");
    }

    @Test
    void unknownKeysAndBadValuesNameTheLine() {
        assertThatThrownBy(() -> parse("[imap]\nport = 143\nidle = \"5m\"\n")).hasMessageStartingWith("postroom.toml:3: imap.idle: unknown setting");
        assertThatThrownBy(() -> parse("[imap]\nappend_limit = \"lots\"\n")).hasMessageStartingWith("postroom.toml:2: imap.append_limit: ");
    }
}
