package org.postroom.pop3;

import java.util.OptionalInt;

/** One parsed POP3 command, produced by {@link Pop3Parser}. Message numbers are as the client wrote them (1-based). */
public sealed interface Pop3Command {

    /** The verb, for the state table ({@link Pop3State}); null only for {@link Unknown}. */
    Pop3Verb verb();

    /** RFC 1939 7: USER name. */
    record User(String name) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.USER;
        }
    }

    /** RFC 1939 7: PASS string; the rest of the line, spaces included. */
    record Pass(String password) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.PASS;
        }

        @Override
        public String toString() {
            return "Pass[password=<hidden>]";
        }
    }

    /**
     * RFC 5034: AUTH mechanism [initial-response]. Without a mechanism (null) it asks for the list of
     * mechanisms, as clients written for RFC 1734 servers do.
     */
    record Auth(String mechanism, String initialResponse) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.AUTH;
        }

        @Override
        public String toString() {
            return "Auth[mechanism=" + mechanism + (initialResponse == null ? "" : ", initialResponse=<hidden>") + "]";
        }
    }

    record Capa() implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.CAPA;
        }
    }

    record Stls() implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.STLS;
        }
    }

    record Stat() implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.STAT;
        }
    }

    /** LIST [msg]. */
    record List(OptionalInt message) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.LIST;
        }
    }

    record Retr(int message) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.RETR;
        }
    }

    record Dele(int message) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.DELE;
        }
    }

    record Noop() implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.NOOP;
        }
    }

    record Rset() implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.RSET;
        }
    }

    record Quit() implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.QUIT;
        }
    }

    /** RFC 1939 7: TOP msg n, the header and the first {@code lines} lines of the body. */
    record Top(int message, int lines) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.TOP;
        }
    }

    /** UIDL [msg]. */
    record Uidl(OptionalInt message) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return Pop3Verb.UIDL;
        }
    }

    /** A known verb whose arguments do not parse; {@code reply} says why. The state table still applies first. */
    record Malformed(Pop3Verb verb, Pop3Reply reply) implements Pop3Command {}

    /** A verb Postroom does not know (APOP among them). */
    record Unknown(String name) implements Pop3Command {
        @Override
        public Pop3Verb verb() {
            return null;
        }
    }
}
