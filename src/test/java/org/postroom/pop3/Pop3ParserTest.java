package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The command parser, by example, and fuzzed: it never throws and every result is usable as it is. */
class Pop3ParserTest {

    @Test
    void commandsAndTheirArguments() {
        assertThat(Pop3Parser.parse("user Alice@Office.test")).isEqualTo(new Pop3Command.User("Alice@Office.test"));
        assertThat(Pop3Parser.parse("PASS  spaces  kept ")).isEqualTo(new Pop3Command.Pass(" spaces  kept "));
        assertThat(Pop3Parser.parse("LIST")).isEqualTo(new Pop3Command.List(OptionalInt.empty()));
        assertThat(Pop3Parser.parse("list 12")).isEqualTo(new Pop3Command.List(OptionalInt.of(12)));
        assertThat(Pop3Parser.parse("UIDL  3")).isEqualTo(new Pop3Command.Uidl(OptionalInt.of(3)));
        assertThat(Pop3Parser.parse("RETR 007")).isEqualTo(new Pop3Command.Retr(7));
        assertThat(Pop3Parser.parse("DELE 1")).isEqualTo(new Pop3Command.Dele(1));
        assertThat(Pop3Parser.parse("TOP 2 0")).isEqualTo(new Pop3Command.Top(2, 0));
        assertThat(Pop3Parser.parse("AUTH")).isEqualTo(new Pop3Command.Auth(null, null));
        assertThat(Pop3Parser.parse("auth plain")).isEqualTo(new Pop3Command.Auth("PLAIN", null));
        assertThat(Pop3Parser.parse("AUTH PLAIN AGFsaWNlAHB3")).isEqualTo(new Pop3Command.Auth("PLAIN", "AGFsaWNlAHB3"));
        assertThat(Pop3Parser.parse("STLS")).isEqualTo(new Pop3Command.Stls());
        assertThat(Pop3Parser.parse("Capa")).isEqualTo(new Pop3Command.Capa());
        assertThat(Pop3Parser.parse("APOP alice 0123")).isEqualTo(new Pop3Command.Unknown("APOP"));
    }

    @Test
    void malformedArgumentsKeepTheirVerbForTheStateTable() {
        assertThat(Pop3Parser.parse("RETR x")).isInstanceOfSatisfying(Pop3Command.Malformed.class,
                m -> assertThat(m.verb()).isEqualTo(Pop3Verb.RETR));
        assertThat(Pop3Parser.parse("TOP 1")).isInstanceOf(Pop3Command.Malformed.class);
        assertThat(Pop3Parser.parse("TOP 1 -1")).isInstanceOf(Pop3Command.Malformed.class);
        assertThat(Pop3Parser.parse("DELE 1234567890")).isInstanceOf(Pop3Command.Malformed.class);
        assertThat(Pop3Parser.parse("QUIT now")).isInstanceOf(Pop3Command.Malformed.class);
        assertThat(Pop3Parser.parse("AUTH PLAIN a b")).isInstanceOf(Pop3Command.Malformed.class);
        assertThat(Pop3Parser.parse("PASS")).isInstanceOf(Pop3Command.Malformed.class);
    }

    @Test
    void passwordsDoNotShowInToString() {
        assertThat(Pop3Parser.parse("PASS hunter2").toString()).doesNotContain("hunter2");
        assertThat(Pop3Parser.parse("AUTH PLAIN AGFsaWNlAHB3").toString()).doesNotContain("AGFsaWNlAHB3");
    }

    @Test
    void theStateTableFollowsRfc1939() {
        for (Pop3Verb verb : Pop3Verb.values()) {
            assertThat(Pop3State.UPDATE.allows(verb)).isFalse();
        }
        assertThat(Pop3State.AUTHORIZATION.allows(Pop3Verb.USER)).isTrue();
        assertThat(Pop3State.AUTHORIZATION.allows(Pop3Verb.STLS)).isTrue();
        assertThat(Pop3State.AUTHORIZATION.allows(Pop3Verb.STAT)).isFalse();
        assertThat(Pop3State.AUTHORIZATION.allows(Pop3Verb.NOOP)).isFalse();
        assertThat(Pop3State.TRANSACTION.allows(Pop3Verb.RETR)).isTrue();
        assertThat(Pop3State.TRANSACTION.allows(Pop3Verb.STLS)).isFalse();
        assertThat(Pop3State.TRANSACTION.allows(Pop3Verb.PASS)).isFalse();
        assertThat(Pop3State.TRANSACTION.allows(Pop3Verb.CAPA)).isTrue();
        assertThat(Pop3State.TRANSACTION.allows(Pop3Verb.QUIT)).isTrue();
    }

    @Property(tries = 5000)
    void anyLineParsesToACommand(@ForAll String line) {
        check(Pop3Parser.parse(line));
    }

    @Property(tries = 5000)
    void pop3ishLinesParseToACommand(@ForAll("pop3ishLines") String line) {
        check(Pop3Parser.parse(line));
    }

    @Provide
    Arbitrary<String> pop3ishLines() {
        Arbitrary<String> verb = Arbitraries.of("USER", "PASS", "AUTH", "CAPA", "STLS", "STAT", "LIST", "RETR", "DELE", "NOOP",
                "RSET", "QUIT", "TOP", "UIDL", "top", "Retr", "APOP", "");
        Arbitrary<String> arg = Arbitraries.oneOf(Arbitraries.integers().between(-5, Integer.MAX_VALUE).map(String::valueOf),
                Arbitraries.strings().withChars("0123456789 -+x.").ofMaxLength(12), Arbitraries.of("PLAIN", "*", "="));
        return net.jqwik.api.Combinators.combine(verb, arg.list().ofMaxSize(3))
                .as((v, args) -> v + (args.isEmpty() ? "" : " " + String.join(" ", args)));
    }

    private static void check(Pop3Command command) {
        assertThat(command).isNotNull();
        switch (command) {
            case Pop3Command.Unknown u -> assertThat(u.name()).isNotNull();
            case Pop3Command.Malformed m -> {
                assertThat(m.verb()).isNotNull();
                assertThat(m.reply().ok()).isFalse();
            }
            case Pop3Command.Retr r -> assertThat(r.message()).isNotNegative();
            case Pop3Command.Dele d -> assertThat(d.message()).isNotNegative();
            case Pop3Command.Top t -> assertThat(t.message()).isNotNegative().isNotNull();
            case Pop3Command.List l -> assertThat(l.message().orElse(0)).isNotNegative();
            case Pop3Command.Uidl u -> assertThat(u.message().orElse(0)).isNotNegative();
            case Pop3Command.User u -> assertThat(u.name()).isNotBlank();
            case Pop3Command.Pass p -> assertThat(p.password()).isNotEmpty();
            default -> assertThat(command.verb()).isNotNull();
        }
    }
}
