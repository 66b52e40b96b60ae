package org.postroom.smtp.server;

import java.nio.file.Path;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.intake.Intake;
import org.postroom.net.LoginGuard;
import org.postroom.net.Tls;
import org.postroom.router.Router;

/** What an SMTP session needs from the rest of Postroom, handed over once by the server. */
record SmtpServices(
        PostroomConfig config,
        Directory directory,
        Router router,
        Intake intake,
        Tls tls,
        LoginGuard logins,
        Path spillDir) {}
