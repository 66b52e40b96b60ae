package org.postroom.imap.server;

import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.store.MaildirStore;
import org.postroom.trace.Trace;

/** What an IMAP session needs from the rest of Postroom, handed over once by the server. */
record ImapServices(
        PostroomConfig config,
        Directory directory,
        MaildirStore store,
        Tls tls,
        LoginGuard logins,
        ImapCommands commands,
        Trace trace) {}
