package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.postroom.message.AddressParser;
import org.postroom.message.AddressSyntaxException;
import org.postroom.message.MailAddress;
import org.postroom.smtp.CommandParser;
import org.postroom.smtp.SmtpCommand;

/**
 * Fuzzes {@link AddressParser}: for any input it either returns or throws {@link AddressSyntaxException}, and
 * whatever it returns keeps the promises of its class comment (one domain, no trailing dot, RFC 5321 4.5.3.1
 * sizes) and survives a round trip through {@link MailAddress#toString()}.
 */
class AddressParserFuzzTest {

    @Property(tries = 3000)
    void parseMailboxOfAnyStringReturnsOrThrowsOnlyAddressSyntaxException(@ForAll String text) {
        MailAddress parsed = parseMailboxOrNull(text);
        if (parsed != null) assertKeepsItsPromises(parsed);
    }

    @Property(tries = 3000)
    void parseMailboxOfSmtpAlphabetReturnsOrThrowsOnlyAddressSyntaxException(@ForAll("smtpAlphabet") String text) {
        MailAddress parsed = parseMailboxOrNull(text);
        if (parsed != null) assertKeepsItsPromises(parsed);
    }

    @Property(tries = 5000)
    void parsedMailboxesKeepTheirPromises(@ForAll("mailboxLike") String text) {
        MailAddress parsed = parseMailboxOrNull(text);
        Statistics.collect(parsed == null ? "refused" : "parsed");
        if (parsed != null) assertKeepsItsPromises(parsed);
    }

    @Property(tries = 3000)
    void parsePathOfAnyStringReturnsOrThrowsOnlyAddressSyntaxException(@ForAll String text, @ForAll boolean allowNull) {
        checkPath(text, allowNull);
    }

    @Property(tries = 3000)
    void parsePathOfSmtpAlphabetReturnsOrThrowsOnlyAddressSyntaxException(@ForAll("smtpAlphabetPath") String text, @ForAll boolean allowNull) {
        checkPath(text, allowNull);
    }

    @Property(tries = 5000)
    void parsedPathsKeepTheirPromises(@ForAll("pathLike") String text, @ForAll boolean allowNull) {
        checkPath(text, allowNull);
    }

    @Property(tries = 2000)
    void aPathWrittenFromAParsedAddressParsesBackToIt(@ForAll("mailboxLike") String text) {
        MailAddress parsed = parseMailboxOrNull(text);
        if (parsed == null) return;
        String path = "<" + parsed + ">";
        if (path.getBytes(StandardCharsets.UTF_8).length > AddressParser.MAX_PATH) return;
        assertThat(AddressParser.parsePath(path, false).address()).isEqualTo(parsed);
    }

    // ---- regressions: bugs this fuzzer found, each shown by the smallest input that had it ----

    @Test
    void upperCaseLettersThatGrowWhenLowerCasedBreakTheLimitsAndTheRoundTrip() {
        // Either refused, or within the limits once lower-cased.
        MailAddress longLabel = parseMailboxOrNull("x@" + "\u0130".repeat(32) + ".test");
        if (longLabel != null) assertKeepsItsPromises(longLabel);
        MailAddress longDomain = parseMailboxOrNull("x@" + "\u023a".repeat(63) + "." + "\u023a".repeat(63));
        if (longDomain != null) assertKeepsItsPromises(longDomain);
    }

    @Test
    void anAddressLiteralLongerThan255OctetsIsRefused() {
        String text = "x@[x:" + "1".repeat(300) + "]";
        MailAddress parsed = parseMailboxOrNull(text);
        if (parsed != null) assertThat(parsed.domain().length()).as("octets in the domain of %s", text).isLessThanOrEqualTo(255);
    }

    @Test
    void generalAddressLiteralsKeepTheOneAtSignPromiseAndFitInAPath() {
        for (String text : List.of("x@[x:a@b]", "x@[x:\"]", "x@[x:>]")) {
            MailAddress parsed = parseMailboxOrNull(text);
            if (parsed == null) continue;
            assertThat(parsed.domain()).as("domain of %s", text).doesNotContain("@");
            assertThat(CommandParser.parse("RCPT TO:<" + parsed + ">")).as("RCPT TO:<%s>", parsed)
                    .isInstanceOfSatisfying(SmtpCommand.Rcpt.class, r -> assertThat(r.recipient().address()).isEqualTo(parsed));
        }
    }

    // ---- helpers ----

    private static void checkPath(String text, boolean allowNull) {
        AddressParser.Path path;
        try {
            path = AddressParser.parsePath(text, allowNull);
        } catch (AddressSyntaxException expected) {
            Statistics.collect("refused");
            return;
        }
        Statistics.collect(path.isNull() ? "null path" : "parsed");
        assertThat(path).isNotNull();
        if (path.isNull()) {
            assertThat(allowNull).as("<> only when allowed").isTrue();
            assertThat(text).isEqualTo("<>");
        } else {
            assertKeepsItsPromises(path.address());
        }
    }

    private static MailAddress parseMailboxOrNull(String text) {
        try {
            MailAddress parsed = AddressParser.parseMailbox(text);
            assertThat(parsed).isNotNull();
            return parsed;
        } catch (AddressSyntaxException expected) {
            return null;
        }
    }

    /** The promises of AddressParser's class comment and RFC 5321 4.5.3.1.1-2. */
    static void assertKeepsItsPromises(MailAddress address) {
        String local = address.localPart();
        String domain = address.domain();
        assertThat(local).as("local part").isNotEmpty();
        assertThat(domain).as("domain of %s", address).isNotEmpty().doesNotContain("@").doesNotEndWith(".");
        assertThat(local.getBytes(StandardCharsets.UTF_8).length).as("octets in the local part of %s", address)
                .isLessThanOrEqualTo(AddressParser.MAX_LOCAL_PART);
        assertThat(domain.getBytes(StandardCharsets.UTF_8).length).as("octets in the domain of %s", address)
                .isLessThanOrEqualTo(AddressParser.MAX_DOMAIN);
        if (!domain.startsWith("[")) assertThat(AddressParser.isDomain(domain)).as("%s is a domain", domain).isTrue();
        MailAddress again;
        try {
            again = AddressParser.parseMailbox(address.toString());
        } catch (AddressSyntaxException e) {
            throw new AssertionError("toString() of a parsed address does not parse again: " + address + " (" + e.getMessage() + ")", e);
        }
        assertThat(again).as("round trip of %s", address).isEqualTo(address);
    }

    @Provide
    Arbitrary<String> smtpAlphabet() {
        return SmtpArbitraries.smtpAlphabet(60);
    }

    @Provide
    Arbitrary<String> smtpAlphabetPath() {
        return SmtpArbitraries.smtpAlphabet(60).map(s -> "<" + s + ">");
    }

    @Provide
    Arbitrary<String> mailboxLike() {
        return SmtpArbitraries.mailboxLike();
    }

    @Provide
    Arbitrary<String> pathLike() {
        return SmtpArbitraries.pathLike();
    }
}
