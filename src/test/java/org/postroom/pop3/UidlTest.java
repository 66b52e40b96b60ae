package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postroom.store.Maildir;

class UidlTest {

    @Test
    void aMaildirUniqueNameIsItsOwnUidl() {
        String name = "1732851234.M123456P4242Q17.mx.office.test";
        assertThat(Uidl.of(name)).isEqualTo(name);
        assertThat(Uidl.of(Maildir.uniqueName(name + ",S=1234"))).isEqualTo(name);
        assertThat(Uidl.of(Maildir.uniqueName(name + ",S=1234:2,FS"))).isEqualTo(name);
    }

    @Test
    void longOrIllegalNamesAreHashedStably() {
        String seventy = "x".repeat(70);
        assertThat(Uidl.of(seventy)).isEqualTo(seventy);
        String seventyOne = "x".repeat(71);
        assertThat(Uidl.of(seventyOne)).startsWith("H").hasSize(44).isEqualTo(Uidl.of(seventyOne)).isNotEqualTo(Uidl.of("x".repeat(72)));
        assertThat(Uidl.isLegal(Uidl.of(seventyOne))).isTrue();
        for (String odd : new String[] {"with space", "tab\there", "caf\u00e9", "del\u007f", ""}) {
            assertThat(Uidl.isLegal(odd)).as(odd).isFalse();
            assertThat(Uidl.isLegal(Uidl.of(odd))).as(odd).isTrue();
        }
        assertThat(Uidl.isLegal("!~")).isTrue();
    }
}
