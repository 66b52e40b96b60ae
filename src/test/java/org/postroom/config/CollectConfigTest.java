package org.postroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code [[collect.account]]}: defaults, the checks that name the key, and the password kept out of strings. */
class CollectConfigTest {
    private static final String BASE = "[[collect.account]]\nname = \"office\"\nhost = \"pop.provider.test\"\nlogin = \"office\"\npassword = \"s3cret\"\n";

    private static PostroomConfig parse(String toml) {
        return ConfigLoader.parse(Path.of("data"), Path.of("postroom.toml"), toml);
    }

    @Test
    void defaults() {
        CollectAccount a = parse(BASE + "deliver_to = \"alice@office.test\"\n").collect().getFirst();
        assertThat(a.server()).isEqualTo(new HostPort("pop.provider.test", 995));
        assertThat(a.tls()).isEqualTo(CollectAccount.TlsMode.IMPLICIT);
        assertThat(a.mode()).isEqualTo(CollectAccount.Mode.SINGLE_DROP);
        assertThat(a.envelopeHeaders()).isEqualTo(CollectAccount.DEFAULT_ENVELOPE_HEADERS);
        assertThat(a.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.keep()).contains(Duration.ZERO);
        assertThat(a.unresolved()).isEqualTo(CollectAccount.Unresolved.POSTMASTER);
        assertThat(a.hours()).isEmpty();
        assertThat(a.toString()).doesNotContain("s3cret");
        assertThat(parse("").collect()).isEmpty();
    }

    @Test
    void keepForeverHoursAndMultiDrop() {
        CollectAccount a = parse(BASE + "mode = \"multi-drop\"\nkeep = \"forever\"\nhours = \"22:00-06:00\"\ntls = \"starttls\"\n").collect().getFirst();
        assertThat(a.keep()).isEqualTo(Optional.empty());
        assertThat(a.server().port()).isEqualTo(110);
        assertThat(a.hours().orElseThrow().contains(LocalTime.of(23, 0))).isTrue();
        assertThat(a.hours().orElseThrow().contains(LocalTime.of(5, 59))).isTrue();
        assertThat(a.hours().orElseThrow().contains(LocalTime.of(12, 0))).isFalse();
        assertThat(OfficeHours.parse("07:00-19:00").contains(LocalTime.of(19, 0))).isFalse();
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> parse(BASE + "tls = \"none\"\ndeliver_to = \"a@b.test\"\n")).hasMessageContaining("collect.account.tls")
                .hasMessageContaining("allow_plaintext");
        assertThatThrownBy(() -> parse(BASE)).hasMessageContaining("collect.account.deliver_to");
        assertThatThrownBy(() -> parse(BASE + "mode = \"multi\"\n")).hasMessageContaining("collect.account.mode");
        assertThatThrownBy(() -> parse(BASE + "mode = \"multi-drop\"\nhours = \"9 to 5\"\n")).hasMessageContaining("collect.account.hours");
        assertThatThrownBy(() -> parse(BASE + "mode = \"multi-drop\"\ncolour = 1\n")).hasMessageContaining("collect.account.colour");
        assertThatThrownBy(() -> parse(BASE + "mode = \"multi-drop\"\n" + BASE + "mode = \"multi-drop\"\n")).hasMessageContaining("already called");
        assertThatThrownBy(() -> parse("[collect]\nother = 1\n")).hasMessageContaining("collect.other");
    }

    @Test
    void mistakesNameTheLineInTheirOwnTableAndTheAccount() {
        String two = "[smtp]\nport = 25\n\n" + BASE + "deliver_to = \"a@b.test\"\n\n" // lines 4-9
                + "[[collect.account]]\nname = \"branch\"\nhost = \"pop.branch.test\"\nlogin = \"branch\"\n"; // line 11 on
        assertThatThrownBy(() -> parse(two + "deliver_to = \"a@b.test\"\nport = \"995\"\n"))
                .hasMessage("postroom.toml:16: collect.account.port (account \"branch\"): must be a whole number");
        // A setting that is missing: the line of its table's [[collect.account]].
        assertThatThrownBy(() -> parse(two)).hasMessage("postroom.toml:11: collect.account.deliver_to (account \"branch\"): needed in single-drop mode");
        assertThatThrownBy(() -> parse(two + "deliver_to = \"a@b.test\"\ncolour = 1\n"))
                .hasMessage("postroom.toml:16: collect.account.colour (account \"branch\"): unknown setting");
        assertThatThrownBy(() -> parse(two.replace("branch\"\nhost", "office\"\nhost") + "deliver_to = \"a@b.test\"\n"))
                .hasMessage("postroom.toml:12: collect.account.name (account \"office\"): another account is already called \"office\"");
        assertThatThrownBy(() -> parse("[[collect.account]]\nhost = \"h\"\n")).hasMessage("postroom.toml:1: collect.account.name (account #1): needed: letters, digits, '.', '_' or '-'");
    }
}
