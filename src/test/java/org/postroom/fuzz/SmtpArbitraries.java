package org.postroom.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for the parser fuzz tests: plain arbitrary text finds crashes, but almost never an address that
 * parses, so most of these build text that is nearly valid (RFC 5321 4.1.2 shapes) and then damage it.
 */
final class SmtpArbitraries {
    private SmtpArbitraries() {}

    /** The characters that matter to SMTP paths, plus letters, digits and spaces. */
    static final String SMTP_ALPHABET = "<>@\"\\:,.%!+ abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    static final String ATEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";

    /** Letters for domain labels: ASCII LDH and non-ASCII letters whose lower case has the same UTF-8 length. */
    static final String LABEL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-éÉüÜßøåÅ日本";

    static Arbitrary<String> smtpAlphabet(int maxLength) {
        return Arbitraries.strings().withChars(SMTP_ALPHABET).ofMaxLength(maxLength);
    }

    /** Text from the SMTP alphabet behind one of the command prefixes the brief names, or none. */
    static Arbitrary<String> smtpishLines() {
        Arbitrary<String> prefix = Arbitraries.of("MAIL FROM:", "RCPT TO:", "EHLO ", "HELO ", "BDAT ", "AUTH ", "mail from: ",
                "rcpt to:<", "MAIL FROM:<", "RCPT TO:<postmaster", "DATA", "RSET", "QUIT", "VRFY ", "NOOP ", "STARTTLS", "");
        Arbitrary<String> rest = Arbitraries.oneOf(smtpAlphabet(80), mailboxLike().map(m -> "<" + m + ">"),
                pathLike(), Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> params = Arbitraries.of("", " SIZE=100", " BODY=8BITMIME", " SMTPUTF8", " =x", " SIZE", "  LAST", " LAST",
                " X-Y=z w=v", " 1");
        return Combinators.combine(prefix, rest, params).as((p, r, q) -> p + r + q);
    }

    static Arbitrary<String> atom() {
        return Arbitraries.strings().withChars(ATEXT).ofMinLength(1).ofMaxLength(12);
    }

    static Arbitrary<String> dotString() {
        return atom().list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts));
    }

    /** A quoted local part: printable ASCII, some of it escaped, some non-ASCII. */
    static Arbitrary<String> quotedString() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\').ofMinLength(1).ofMaxLength(3)),
                Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofLength(1).map(c -> "\\" + c)),
                Tuple.of(1, Arbitraries.strings().withChars("éü日@<>., ").ofLength(1)));
        return piece.list().ofMaxSize(12).map(parts -> "\"" + String.join("", parts) + "\"");
    }

    static Arbitrary<String> label() {
        return Arbitraries.strings().withChars(LABEL_CHARS).ofMinLength(1).ofMaxLength(20);
    }

    static Arbitrary<String> domain() {
        return label().list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts));
    }

    /**
     * An address literal: IPv4, IPv6, a general {@code [tag:dcontent]} kept short and without '@', '"' or '>'
     * (those are known bugs, tested on their own), or anything in brackets.
     */
    static Arbitrary<String> addressLiteral() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300).list().ofSize(4).map(n -> "[" + String.join(".", n.stream().map(String::valueOf).toList()) + "]"),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF:").ofMaxLength(30).map(s -> "[IPv6:" + s + "]"),
                Combinators.combine(label(), Arbitraries.strings().withCharRange('!', '~').excludeChars('@', '"', '>').ofMinLength(1).ofMaxLength(30))
                        .as((tag, content) -> "[" + tag + ":" + content + "]"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30).map(s -> "[" + s + "]"));
    }

    /** Nearly valid {@code local@domain}, damaged now and then. */
    static Arbitrary<String> mailboxLike() {
        Arbitrary<String> local = Arbitraries.frequencyOf(Tuple.of(5, dotString()), Tuple.of(2, quotedString()), Tuple.of(1, smtpAlphabet(10)));
        Arbitrary<String> dom = Arbitraries.frequencyOf(Tuple.of(6, domain()), Tuple.of(1, addressLiteral()), Tuple.of(1, smtpAlphabet(10)),
                Tuple.of(1, domain().map(d -> d + ".")));
        Arbitrary<String> mailbox = Combinators.combine(local, dom).as((l, d) -> l + "@" + d);
        return Arbitraries.frequencyOf(Tuple.of(6, mailbox), Tuple.of(2, damaged(mailbox)));
    }

    /** {@code <...>} paths: null path, optional source route, a mailbox; sometimes damaged. */
    static Arbitrary<String> pathLike() {
        Arbitrary<String> route = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
                Tuple.of(1, domain().list().ofMinSize(1).ofMaxSize(3).map(ds -> String.join(",", ds.stream().map(d -> "@" + d).toList()) + ":")));
        Arbitrary<String> path = Combinators.combine(route, mailboxLike()).as((r, m) -> "<" + r + m + ">");
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("<>")), Tuple.of(8, path), Tuple.of(2, damaged(path)));
    }

    /** Inserts, deletes or duplicates characters at random places. */
    static Arbitrary<String> damaged(Arbitrary<String> base) {
        Arbitrary<Character> junk = Arbitraries.of('<', '>', '@', '"', '\\', ':', ',', '.', ' ', '[', ']', '\0', '\u00e9', '\u0130');
        return Combinators.combine(base, Arbitraries.integers().between(0, 1000), junk, Arbitraries.integers().between(0, 2))
                .as((s, where, c, how) -> {
                    if (s.isEmpty()) return String.valueOf(c);
                    int i = where % s.length();
                    return switch (how) {
                        case 0 -> s.substring(0, i) + c + s.substring(i);
                        case 1 -> s.substring(0, i) + s.substring(i + 1);
                        default -> s.substring(0, i) + s.charAt(i) + s.substring(i);
                    };
                });
    }
}
