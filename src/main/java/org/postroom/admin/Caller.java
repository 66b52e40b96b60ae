package org.postroom.admin;

import java.time.ZoneId;

/**
 * Who runs a command, for the audit trail, and the time zone its times are shown in: this JVM's user and zone, or,
 * for a line the server runs for a client (RemoteCommand), the client's, bound for that run.
 */
record Caller(String user, ZoneId zone) {
    static final ScopedValue<Caller> OF_LINE = ScopedValue.newInstance();

    static Caller current() {
        return OF_LINE.isBound() ? OF_LINE.get() : new Caller(System.getProperty("user.name", "unknown"), ZoneId.systemDefault());
    }
}
