package org.postroom.pop3;

import static org.postroom.pop3.Pop3Verb.AUTH;
import static org.postroom.pop3.Pop3Verb.CAPA;
import static org.postroom.pop3.Pop3Verb.DELE;
import static org.postroom.pop3.Pop3Verb.LIST;
import static org.postroom.pop3.Pop3Verb.NOOP;
import static org.postroom.pop3.Pop3Verb.PASS;
import static org.postroom.pop3.Pop3Verb.QUIT;
import static org.postroom.pop3.Pop3Verb.RETR;
import static org.postroom.pop3.Pop3Verb.RSET;
import static org.postroom.pop3.Pop3Verb.STAT;
import static org.postroom.pop3.Pop3Verb.STLS;
import static org.postroom.pop3.Pop3Verb.TOP;
import static org.postroom.pop3.Pop3Verb.UIDL;
import static org.postroom.pop3.Pop3Verb.USER;

import java.util.EnumSet;
import java.util.Set;

/**
 * The three states of a POP3 session (RFC 1939 3) and, in one table, the commands each allows. The session
 * checks this table once, before it dispatches any command; a command outside its state gets {@code -ERR}
 * and the session goes on.
 */
public enum Pop3State {
    /** Before login: RFC 1939 4 and 7 (USER, PASS, QUIT), RFC 5034 (AUTH), RFC 2449 (CAPA), RFC 2595 (STLS). */
    AUTHORIZATION(EnumSet.of(USER, PASS, AUTH, CAPA, STLS, QUIT)),
    /** Logged in, the mailbox locked: RFC 1939 5 and 7 (TOP, UIDL), RFC 2449 (CAPA in both states). */
    TRANSACTION(EnumSet.of(STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, CAPA, QUIT)),
    /** After QUIT in TRANSACTION: the deletions are carried out and the connection closes; no commands. */
    UPDATE(EnumSet.noneOf(Pop3Verb.class));

    private final Set<Pop3Verb> allowed;

    Pop3State(EnumSet<Pop3Verb> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public boolean allows(Pop3Verb verb) {
        return allowed.contains(verb);
    }
}
