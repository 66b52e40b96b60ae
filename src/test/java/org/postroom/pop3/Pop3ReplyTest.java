package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pop3ReplyTest {

    private static String wire(Pop3Reply reply) {
        return new String(reply.toWire(), StandardCharsets.UTF_8);
    }

    @Test
    void singleLinesWithAndWithoutResponseCodes() {
        assertThat(wire(Pop3Replies.OK)).isEqualTo("+OK\r\n");
        assertThat(wire(Pop3Replies.stat(2, 320))).isEqualTo("+OK 2 320\r\n");
        assertThat(wire(Pop3Replies.ERR_IN_USE)).isEqualTo("-ERR [IN-USE] Mailbox is in use by another POP3 session\r\n");
        assertThat(wire(Pop3Replies.ERR_MAILBOX_UNAVAILABLE)).startsWith("-ERR [SYS/TEMP] ");
        assertThat(wire(Pop3Replies.ERR_LOCKED_OUT)).startsWith("-ERR [LOGIN-DELAY] ");
    }

    @Test
    void multiLineBodiesAreDotStuffedAndTerminated() {
        assertThat(wire(Pop3Reply.multiLine("follows", List.of("a", ".b", "")))).isEqualTo("+OK follows\r\na\r\n..b\r\n\r\n.\r\n");
        assertThat(wire(Pop3Replies.uniqueIdListings(List.of()))).isEqualTo("+OK Unique-id listing follows\r\n.\r\n");
    }

    @Test
    void repliesAreCheckedWhenMade() {
        assertThatThrownBy(() -> new Pop3Reply(true, ResponseCode.AUTH, "x", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pop3Reply.ok("two\r\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pop3Reply(false, null, "x", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
