package org.postroom.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<alice@office.test>            | alice        | office.test",
        "<Alice@OFFICE.Test>            | Alice        | office.test",
        "<\"alice\"@office.test>        | alice        | office.test",
        "<\"user@other\"@office.test>   | user@other   | office.test",
        "<user%other@office.test>       | user%other   | office.test",
        "<other!user@office.test>       | other!user   | office.test",
        "<@relay.example:bob@b.example> | bob          | b.example",
        "<@a.example,@b.example:x@c.example> | x      | c.example",
        "<\"a b\\\"c\"@office.test>     | a b\"c       | office.test",
        "<jörg@bücher.example>          | jörg         | bücher.example",
        "<root@[127.0.0.1]>             | root         | [127.0.0.1]",
        "<root@[IPv6:::1]>              | root         | [ipv6:::1]",
    })
    void parsesPaths(String path, String localPart, String domain) {
        MailAddress address = AddressParser.parsePath(path.strip(), false).address();
        assertThat(address.localPart()).isEqualTo(localPart.strip());
        assertThat(address.domain()).isEqualTo(domain.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "alice@office.test", "<alice@office.test", "<alice>", "<alice@>", "<@office.test>", "<user@other@office.test>",
        "<user@office.test.>", "<.user@office.test>", "<us..er@office.test>", "<user@-office.test>", "<user@[999.1.1.1]>",
        "<user@[@ipv6:]>", "<\"unterminated@office.test>", "<a\u0000b@office.test>", "<@bad_route:user@office.test>",
    })
    void refusesBadPaths(String path) {
        assertThatThrownBy(() -> AddressParser.parsePath(path, false)).isInstanceOf(AddressSyntaxException.class);
    }

    @org.junit.jupiter.api.Test
    void nullPathOnlyWhereAllowed() {
        assertThat(AddressParser.parsePath("<>", true).isNull()).isTrue();
        assertThatThrownBy(() -> AddressParser.parsePath("<>", false)).isInstanceOf(AddressSyntaxException.class);
    }

    @org.junit.jupiter.api.Test
    void lengthLimitsOfRfc5321() {
        String local64 = "a".repeat(64);
        assertThat(AddressParser.parseMailbox(local64 + "@x.test").localPart()).hasSize(64);
        assertThatThrownBy(() -> AddressParser.parseMailbox("a" + local64 + "@x.test")).isInstanceOf(AddressSyntaxException.class);
    }

    @org.junit.jupiter.api.Test
    void quotesOnlyWhereNeeded() {
        assertThat(new MailAddress("alice", "office.test").toString()).isEqualTo("alice@office.test");
        assertThat(new MailAddress("a b", "office.test").toString()).isEqualTo("\"a b\"@office.test");
        assertThat(new MailAddress("user@other", "office.test").toString()).isEqualTo("\"user@other\"@office.test");
    }
}
