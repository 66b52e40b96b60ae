package org.postroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Server replies as the relay's client reads them (RFC 5321 4.2, RFC 2034). */
class ReplyParserTest {

    @Test
    void multiLineWithEnhancedCodes() throws Exception {
        SmtpReply r = ReplyParser.parse(List.of("550-5.1.1 The email account that you tried to reach", "550 5.1.1 does not exist."));
        assertThat(r.code()).isEqualTo(550);
        assertThat(r.status()).isEqualTo(EnhancedStatus.of("5.1.1"));
        assertThat(r.lines()).containsExactly("The email account that you tried to reach", "does not exist.");
        assertThat(r.toString()).isEqualTo("550 5.1.1 The email account that you tried to reach / does not exist.");
    }

    @Test
    void withoutEnhancedCodesOrText() throws Exception {
        assertThat(ReplyParser.parse(List.of("250")).lines()).containsExactly("");
        SmtpReply ehlo = ReplyParser.parse(List.of("250-smtp.example.net", "250-PIPELINING", "250 2.0.0 is not a status here: SIZE"));
        assertThat(ehlo.status()).isNull();
        assertThat(ReplyParser.parse(List.of("354 End data with <CR><LF>.<CR><LF>")).status()).isNull();
        // A status whose class differs from the code's is text.
        assertThat(ReplyParser.parse(List.of("451 5.0.0 odd")).status()).isNull();
    }

    @Test
    void whatIsNotAReplyIsRefused() {
        assertThatThrownBy(() -> ReplyParser.parse(List.of("hello"))).isInstanceOf(ReplyParser.MalformedReply.class);
        assertThatThrownBy(() -> ReplyParser.parse(List.of("250-a", "251 b"))).hasMessageContaining("reply codes");
        assertThatThrownBy(() -> ReplyParser.parse(List.of("250-a"))).hasMessageContaining("continuation");
        assertThatThrownBy(() -> ReplyParser.parse(List.of("250 a", "250 b"))).hasMessageContaining("continuation");
        assertThatThrownBy(() -> ReplyParser.parse(List.of("250ok"))).hasMessageContaining("no space");
        assertThatThrownBy(() -> ReplyParser.parse(List.of("199 early"))).isInstanceOf(ReplyParser.MalformedReply.class);
        assertThatThrownBy(() -> ReplyParser.parse(List.of())).isInstanceOf(ReplyParser.MalformedReply.class);
    }

    @Property(tries = 2000)
    void neverThrowsAnythingElse(@ForAll List<String> lines) {
        try {
            SmtpReply r = ReplyParser.parse(lines);
            assertThat(r.code()).isBetween(200, 599);
        } catch (ReplyParser.MalformedReply expected) {
            // refused, as it should be
        }
    }

    @Property(tries = 500)
    void whatAServerWritesIsReadBack(@ForAll("codes") int code) throws Exception {
        SmtpReply sent = new SmtpReply(code, (code / 100) + ".1.2", "first line");
        String[] wire = new String(sent.toWire(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertThat(ReplyParser.parse(List.of(wire))).isEqualTo(sent);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> codes() {
        return net.jqwik.api.Arbitraries.of(250, 251, 421, 450, 451, 452, 500, 550, 552, 553, 554);
    }
}
