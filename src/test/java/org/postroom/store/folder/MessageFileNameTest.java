package org.postroom.store.folder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names as Dovecot and Postroom write them, read in place (no substring per field). */
class MessageFileNameTest {
    @Test
    void theUsualNameGivesUniqueNameSizeUidAndFlags() {
        MessageFileName n = MessageFileName.parse("1733000000.M1P1Q1.host,S=5120,U=42:2,FSa");
        assertThat(n.uniqueName()).isEqualTo("1733000000.M1P1Q1.host");
        assertThat(n.base()).isEqualTo("1733000000.M1P1Q1.host,S=5120");
        assertThat(n.size()).isEqualTo(5120);
        assertThat(n.uid()).isEqualTo(42);
        assertThat(n.flags()).isEqualTo(MessageInfo.FLAGGED | MessageInfo.SEEN);
        assertThat(n.keywordLetters()).isEqualTo(1);
        assertThat(n.otherLetters()).isEmpty();
    }

    @Test
    void theUidFieldIsCutFromTheBaseWhereverItIs() {
        MessageFileName n = MessageFileName.parse("u1,U=7,S=10,W=12:2,S");
        assertThat(n.base()).isEqualTo("u1,S=10,W=12");
        assertThat(n.uid()).isEqualTo(7);
        assertThat(n.size()).isEqualTo(10);
        MessageFileName twice = MessageFileName.parse("u1,U=7,S=10,U=9");
        assertThat(twice.base()).isEqualTo("u1,S=10");
        assertThat(twice.uid()).isEqualTo(9); // the last one, as before
    }

    @Test
    void namesWithoutFieldsOrInfoAndOddFields() {
        MessageFileName bare = MessageFileName.parse("1733000000.M1P1.host");
        assertThat(bare.base()).isEqualTo("1733000000.M1P1.host");
        assertThat(bare.size()).isEqualTo(-1);
        assertThat(bare.uid()).isZero();
        MessageFileName odd = MessageFileName.parse("u2,S=x,U=,S=:2,P");
        assertThat(odd.base()).isEqualTo("u2,S=x,U=,S=");
        assertThat(odd.size()).isEqualTo(-1);
        assertThat(odd.uid()).isZero();
        assertThat(odd.otherLetters()).isEqualTo("P");
        MessageFileName newFile = MessageFileName.parse("u3,S=99");
        assertThat(newFile.base()).isEqualTo("u3,S=99");
        assertThat(newFile.size()).isEqualTo(99);
    }
}
