package org.postroom.pop3;

/** The POP3 commands Postroom knows (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH). APOP is not offered. */
public enum Pop3Verb {
    USER, PASS, AUTH, CAPA, STLS, STAT, LIST, RETR, DELE, NOOP, RSET, QUIT, TOP, UIDL
}
