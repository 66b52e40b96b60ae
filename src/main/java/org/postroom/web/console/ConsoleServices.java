package org.postroom.web.console;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.postroom.directory.Directory;
import org.postroom.net.LoginGuard;
import org.postroom.service.AddressBook;
import org.postroom.service.Audit;
import org.postroom.service.TokenService;
import org.postroom.service.CollectorService;
import org.postroom.service.UserService;
import org.postroom.trace.Trace;

/**
 * Every service a console route needs, made once by the server ({@code server.WebFace}). Each area's owner adds its
 * services here; the routes and pages call them, as the CLI commands do, never the stores behind them.
 *
 * @param directories the directory as the running configuration's address rules see it (a reload may replace it)
 * @param users users ({@link UserService})
 * @param addressBook aliases, groups and domains
 * @param tokens the API tokens (made, listed, revoked; {@code tokens().store()} checks a bearer token)
 * @param sessions the console's sign-ins
 * @param logins the mail doors' password check and throttling, which the console's login shares
 * @param audit the audit trail: every state-changing admin action goes through it
 * @param trace the running server's trace
 * @param dataDir the data folder
 * @param https whether the console is served over HTTPS (plain HTTP only on loopback)
 * @param clock the server's clock
 * @param ops the queue, relay test, trace, statistics, settings and dashboard services ({@link OpsServices})
 * @param collector the collector's accounts, tests, cycles and held messages ({@link CollectorService})
 */
public record ConsoleServices(Supplier<Directory> directories, UserService users, AddressBook addressBook, TokenService tokens, Sessions sessions,
        LoginGuard logins, Audit audit, Trace trace, Path dataDir, boolean https, Clock clock, OpsServices ops, CollectorService collector) {

    /** The directory now. */
    public Directory directory() {
        return directories.get();
    }
}
