package org.postroom.admin;

/** The exit codes of every {@code postroom} command (sysexits.h values, as Postfix's tools use them). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command line was wrong. */
    public static final int USAGE = 64;
    /** The thing named does not exist. */
    public static final int NO_SUCH = 67;
    /** The data folder or database is missing or unusable. */
    public static final int UNAVAILABLE = 69;
    /** The configuration is wrong. */
    public static final int CONFIG = 78;
    /** It already exists, or the request conflicts with the directory. */
    public static final int CONFLICT = 65;
    /** Something failed inside Postroom. */
    public static final int SOFTWARE = 70;
    /** The running server took the command but gave no answer: it may or may not have run; try again. */
    public static final int TEMPFAIL = 75;

    private ExitCodes() {}
}
