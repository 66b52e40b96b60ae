package org.postroom.pop3.server;

import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.store.MaildirStore;
import org.postroom.trace.Trace;

/** What a POP3 session needs from the rest of Postroom, handed over once by the server. */
record Pop3Services(
        PostroomConfig config,
        Directory directory,
        MaildirStore store,
        Tls tls,
        LoginGuard logins,
        MailboxLocks locks,
        Trace trace) {}
