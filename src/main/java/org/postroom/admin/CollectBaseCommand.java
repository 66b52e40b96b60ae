package org.postroom.admin;

import java.io.IOException;
import java.time.Clock;
import org.postroom.collect.CollectLedger;
import org.postroom.collect.Collector;
import org.postroom.collect.StoredAccounts;
import org.postroom.service.Audit;
import org.postroom.service.CollectorException;
import org.postroom.service.CollectorService;
import org.postroom.intake.Intake;
import org.postroom.pop3.client.Pop3Timeouts;
import org.postroom.router.Router;
import org.postroom.store.MaildirStore;
import org.postroom.trace.Trace;

/**
 * What every {@code postroom collect ...} command shares beyond {@link DatabaseCommand}: a bad argument (an
 * {@link IllegalArgumentException} from the collector) is a usage error, and a command that runs cycles itself
 * builds the same intake the server uses (without an outbound queue: the collector never relays).
 */
abstract class CollectBaseCommand extends DatabaseCommand {

    abstract int collect(Setup setup, Output out) throws IOException;

    @Override
    final int run(Setup setup, Output out) throws IOException {
        try {
            return collect(setup, out);
        } catch (CollectorException e) {
            return fail(switch (e.kind()) {
                case NOT_FOUND -> ExitCodes.NO_SUCH;
                case CONFLICT -> ExitCodes.CONFLICT;
                case INVALID -> ExitCodes.USAGE;
            }, e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            return fail(ExitCodes.UNAVAILABLE, e.getMessage());
        }
    }

    /** The collector's service as the console has it, over this command's data folder; changes audited as the CLI's. */
    static CollectorService service(Setup setup) {
        return new CollectorService(() -> setup.config().collect(), new StoredAccounts(setup.db(), setup.folder()), new CollectLedger(setup.db()),
                setup.folder(), new CliCollectorRuntime(setup), Audit.offline(setup.folder(), Clock.systemUTC()), Pop3Timeouts.DEFAULT,
                Clock.systemUTC());
    }

    /** Who acts, for the audit trail: as every command names it. */
    static String who() {
        return DirectoryCommand.actor();
    }

    /** The collector as the server builds it, over this command's database. */
    static Collector collector(Setup setup) {
        return collector(setup, Trace.off(Clock.systemUTC()));
    }

    /** The same, recording what it collects in {@code trace} (a cycle run here, with no server running). */
    static Collector collector(Setup setup, Trace trace) {
        MaildirStore store = new MaildirStore(setup.folder().resolve("mail"), setup.config().server().hostname());
        Intake intake = new Intake(store, java.util.Optional.empty(), setup.config().server().hostname(), setup.config().smtp().maxReceivedHeaders(),
                Clock.systemUTC(), trace);
        // The server's router, without outbound mail: collected mail never leaves again.
        Router router = new Router(setup.directory(), store, setup.config().delivery().quotaExceeded());
        return new Collector(setup.config().collect(), new StoredAccounts(setup.db(), setup.folder())::accounts, setup.directory(), router, intake,
                new CollectLedger(setup.db()), setup.folder(), Clock.systemUTC(), Pop3Timeouts.DEFAULT);
    }

    static String when(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
