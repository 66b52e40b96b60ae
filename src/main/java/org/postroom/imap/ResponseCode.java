package org.postroom.imap;

import java.util.Collection;

/**
 * A response code (RFC 3501 7.1, RFC 5530, and the extensions'): the text between the brackets, such as
 * {@code TRYCREATE} or {@code APPENDUID 38505 3955}. The fixed ones are constants; the others have factories.
 */
public record ResponseCode(String text) {
    public ResponseCode {
        if (text.isEmpty() || text.indexOf(']') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a response code: " + text);
        }
    }

    public static final ResponseCode ALERT = new ResponseCode("ALERT");
    public static final ResponseCode PARSE = new ResponseCode("PARSE");
    public static final ResponseCode READ_ONLY = new ResponseCode("READ-ONLY");
    public static final ResponseCode READ_WRITE = new ResponseCode("READ-WRITE");
    public static final ResponseCode TRYCREATE = new ResponseCode("TRYCREATE");
    // RFC 5530
    public static final ResponseCode UNAVAILABLE = new ResponseCode("UNAVAILABLE");
    public static final ResponseCode AUTHENTICATIONFAILED = new ResponseCode("AUTHENTICATIONFAILED");
    public static final ResponseCode AUTHORIZATIONFAILED = new ResponseCode("AUTHORIZATIONFAILED");
    public static final ResponseCode PRIVACYREQUIRED = new ResponseCode("PRIVACYREQUIRED");
    public static final ResponseCode CONTACTADMIN = new ResponseCode("CONTACTADMIN");
    public static final ResponseCode NOPERM = new ResponseCode("NOPERM");
    public static final ResponseCode INUSE = new ResponseCode("INUSE");
    public static final ResponseCode EXPUNGEISSUED = new ResponseCode("EXPUNGEISSUED");
    public static final ResponseCode CORRUPTION = new ResponseCode("CORRUPTION");
    public static final ResponseCode SERVERBUG = new ResponseCode("SERVERBUG");
    public static final ResponseCode CLIENTBUG = new ResponseCode("CLIENTBUG");
    public static final ResponseCode CANNOT = new ResponseCode("CANNOT");
    public static final ResponseCode LIMIT = new ResponseCode("LIMIT");
    public static final ResponseCode OVERQUOTA = new ResponseCode("OVERQUOTA");
    public static final ResponseCode ALREADYEXISTS = new ResponseCode("ALREADYEXISTS");
    public static final ResponseCode NONEXISTENT = new ResponseCode("NONEXISTENT");
    // RFC 4469 / RFC 7889
    public static final ResponseCode TOOBIG = new ResponseCode("TOOBIG");

    /** {@code CAPABILITY ...} (RFC 3501 7.1): K-9 and others read it from the greeting and the login's OK. */
    public static ResponseCode capability(Collection<String> capabilities) {
        return new ResponseCode("CAPABILITY " + String.join(" ", capabilities));
    }

    /** RFC 4315 3: {@code APPENDUID uidvalidity uid}. */
    public static ResponseCode appendUid(long uidValidity, long uid) {
        return new ResponseCode("APPENDUID " + uidValidity + " " + uid);
    }

    /** RFC 4315 3: {@code COPYUID uidvalidity source-uids target-uids}. */
    public static ResponseCode copyUid(long uidValidity, Collection<Long> source, Collection<Long> target) {
        return new ResponseCode("COPYUID " + uidValidity + " " + SequenceSet.format(source) + " " + SequenceSet.format(target));
    }

    public static ResponseCode uidValidity(long value) {
        return new ResponseCode("UIDVALIDITY " + value);
    }

    public static ResponseCode uidNext(long value) {
        return new ResponseCode("UIDNEXT " + value);
    }

    public static ResponseCode unseen(long sequenceNumber) {
        return new ResponseCode("UNSEEN " + sequenceNumber);
    }

    /** RFC 7162 3.1.2.1. */
    public static ResponseCode highestModSeq(long value) {
        return new ResponseCode("HIGHESTMODSEQ " + value);
    }

    /** {@code PERMANENTFLAGS (...)} (RFC 3501 7.1). */
    public static ResponseCode permanentFlags(Collection<String> flags) {
        return new ResponseCode("PERMANENTFLAGS (" + String.join(" ", flags) + ")");
    }
}
