package org.postroom.imap;

/** RFC 3501 7.1: the status responses. */
public enum ImapStatus {
    OK,
    NO,
    BAD,
    PREAUTH,
    BYE
}
