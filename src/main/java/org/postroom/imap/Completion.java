package org.postroom.imap;

/**
 * A command's tagged completion (RFC 3501 7.1): OK, NO or BAD, an optional response code, and human-readable text.
 * Commands return one; the session writes it with the command's tag.
 */
public record Completion(ImapStatus status, ResponseCode code, String text) {
    public Completion {
        if (status != ImapStatus.OK && status != ImapStatus.NO && status != ImapStatus.BAD) {
            throw new IllegalArgumentException("a tagged response is OK, NO or BAD: " + status);
        }
        if (text.isEmpty() || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) throw new IllegalArgumentException("bad text: " + text);
    }

    public static Completion ok(String text) {
        return new Completion(ImapStatus.OK, null, text);
    }

    public static Completion ok(ResponseCode code, String text) {
        return new Completion(ImapStatus.OK, code, text);
    }

    public static Completion no(String text) {
        return new Completion(ImapStatus.NO, null, text);
    }

    public static Completion no(ResponseCode code, String text) {
        return new Completion(ImapStatus.NO, code, text);
    }

    public static Completion bad(String text) {
        return new Completion(ImapStatus.BAD, null, text);
    }

    public static Completion bad(ResponseCode code, String text) {
        return new Completion(ImapStatus.BAD, code, text);
    }
}
