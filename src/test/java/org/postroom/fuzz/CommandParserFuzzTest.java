package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.postroom.message.AddressParser;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;
import org.postroom.smtp.CommandParser;
import org.postroom.smtp.SmtpCommand;

/**
 * Fuzzes {@link CommandParser}: its class comment promises it never throws, for any line. On top of that,
 * what it returns must be usable without further checks (no null where a value is expected, sizes in range).
 */
class CommandParserFuzzTest {

    @Property(tries = 5000)
    void anyStringParsesToACommand(@ForAll String line) {
        checkParses(line);
    }

    @Property(tries = 5000)
    void smtpishLinesParseToACommand(@ForAll("smtpishLines") String line) {
        checkParses(line);
    }

    @Property(tries = 3000)
    void smtpAlphabetLinesParseToACommand(@ForAll("smtpAlphabetLines") String line) {
        checkParses(line);
    }

    @Property(tries = 2000)
    void mailAndRcptCarryTheAddressAsWritten(@ForAll("mailboxLike") String text) {
        MailAddress address;
        try {
            address = AddressParser.parseMailbox(text);
        } catch (AddressSyntaxException e) {
            return;
        }
        String path = "<" + address + ">";
        if (path.getBytes(StandardCharsets.UTF_8).length > AddressParser.MAX_PATH) return;
        Statistics.collect("checked");
        SmtpCommand mail = CommandParser.parse("MAIL FROM:" + path + " SIZE=1000");
        assertThat(mail).isInstanceOfSatisfying(SmtpCommand.Mail.class, m -> {
            assertThat(m.sender().address()).isEqualTo(address);
            assertThat(m.parameters()).containsEntry("SIZE", "1000");
        });
        SmtpCommand rcpt = CommandParser.parse("rcpt to: " + path);
        if (address.toString().equalsIgnoreCase("postmaster")) return;
        assertThat(rcpt).isInstanceOfSatisfying(SmtpCommand.Rcpt.class, r -> assertThat(r.recipient().address()).isEqualTo(address));
    }

    private static void checkParses(String line) {
        SmtpCommand command = CommandParser.parse(line);
        assertThat(command).as("parse(%s)", line).isNotNull();
        Statistics.collect(command.getClass().getSimpleName());
        switch (command) {
            case SmtpCommand.Hello hello -> assertThat(hello.domain()).isNotEmpty().doesNotContain(" ");
            case SmtpCommand.Mail mail -> {
                assertThat(mail.sender()).isNotNull();
                if (!mail.sender().isNull()) AddressParserFuzzTest.assertKeepsItsPromises(mail.sender().address());
                assertThat(mail.parameters()).isNotNull();
                mail.parameters().keySet().forEach(k -> assertThat(k).isNotEmpty().isUpperCase());
            }
            case SmtpCommand.Rcpt rcpt -> {
                if (rcpt.bareLocalPostmaster()) {
                    assertThat(rcpt.recipient()).isNull();
                } else {
                    assertThat(rcpt.recipient()).isNotNull();
                    assertThat(rcpt.recipient().isNull()).as("RCPT TO:<> is not a recipient").isFalse();
                    AddressParserFuzzTest.assertKeepsItsPromises(rcpt.recipient().address());
                }
                assertThat(rcpt.parameters()).isNotNull();
            }
            case SmtpCommand.Bdat bdat -> assertThat(bdat.size()).isNotNegative();
            case SmtpCommand.Auth auth -> assertThat(auth.mechanism()).isNotEmpty();
            case SmtpCommand.Malformed malformed -> {
                assertThat(malformed.reply()).isNotNull();
                assertThat(malformed.reply().code()).isBetween(500, 599);
            }
            case SmtpCommand.Unknown unknown -> assertThat(unknown.verb()).isNotNull();
            default -> { }
        }
    }

    @Provide
    Arbitrary<String> smtpishLines() {
        return SmtpArbitraries.smtpishLines();
    }

    @Provide
    Arbitrary<String> smtpAlphabetLines() {
        return Arbitraries.oneOf(SmtpArbitraries.smtpAlphabet(100),
                Arbitraries.of("MAIL FROM:", "RCPT TO:", "EHLO ", "BDAT ", "AUTH ").flatMap(p -> SmtpArbitraries.smtpAlphabet(80).map(s -> p + s)));
    }

    @Provide
    Arbitrary<String> mailboxLike() {
        return SmtpArbitraries.mailboxLike();
    }
}
