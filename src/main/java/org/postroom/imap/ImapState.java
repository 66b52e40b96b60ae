package org.postroom.imap;

/** RFC 3501 3: the states of an IMAP session. */
public enum ImapState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT
}
