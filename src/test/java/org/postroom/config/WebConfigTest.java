package org.postroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code [web]}: its defaults (loopback, 8025, HTTPS only beyond loopback) and errors that name the key. */
class WebConfigTest {
    private static final Path DIR = Path.of("/tmp/postroom-web-config");

    private static PostroomConfig parse(String toml) {
        return ConfigLoader.parse(DIR, DIR.resolve("postroom.toml"), toml);
    }

    @Test
    void defaultsToLoopbackPort8025PlainHttpAndA100MiBReserve() {
        WebSettings web = parse("").web();
        assertThat(web).isEqualTo(new WebSettings(8025, "127.0.0.1", WebSettings.TlsMode.AUTO, 100L << 20));
        assertThat(web.https()).isFalse();
    }

    @Test
    void readsEveryKey() {
        WebSettings web = parse("[web]\nport = 9100\nbind = \"0.0.0.0\"\ntls = \"always\"\ndisk_reserve = \"1G\"\n").web();
        assertThat(web).isEqualTo(new WebSettings(9100, "0.0.0.0", WebSettings.TlsMode.ALWAYS, 1L << 30));
        assertThat(web.https()).isTrue();
    }

    @Test
    void errorsNameFileLineAndKey() {
        assertThatThrownBy(() -> parse("[web]\nbind = \"localhost:80\"\n")).hasMessageContaining("postroom.toml:2").hasMessageContaining("web.bind");
        assertThatThrownBy(() -> parse("[web]\ntls = \"sometimes\"\n")).hasMessageContaining("web.tls").hasMessageContaining("\"auto\", \"always\"");
        assertThatThrownBy(() -> parse("[web]\nlisten = 1\n")).hasMessageContaining("listen");
        assertThatThrownBy(() -> parse("[smtp]\nport = 8025\n")).hasMessageContaining("port 8025 is also web.port");
    }
}
