package org.postroom.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.postroom.collect.AccountCollector;
import org.postroom.collect.CollectControl;
import org.postroom.collect.Collector;
import org.postroom.service.CollectorRuntime;
import org.postroom.trace.Trace;

/**
 * The collector as a CLI command reaches it: the running server's through {@link CollectControl}'s files; when no
 * server runs, a collector of the command's own, holding the collector's lock for the request (so a server that
 * starts meanwhile waits), and writing the trace itself.
 */
final class CliCollectorRuntime implements CollectorRuntime {
    /** How long to wait for the running server's cycles. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    private final DatabaseCommand.Setup setup;

    CliCollectorRuntime(DatabaseCommand.Setup setup) {
        this.setup = setup;
    }

    @Override
    public CollectControl.Reply ask(CollectControl.Request request) {
        try {
            Optional<CollectControl> lock = CollectControl.tryAcquire(setup.folder());
            if (lock.isEmpty()) return CollectControl.throughServer(setup.folder(), request, PATIENCE);
            try (CollectControl held = lock.get()) {
                if (request.op().equals("reread")) return new CollectControl.Reply(true, "no server runs: it takes the accounts when it starts", List.of());
                try (Trace trace = Trace.open(setup.folder(), setup.config().trace(), Clock.systemUTC())) {
                    return CollectControl.answer(CollectBaseCommand.collector(setup, trace), request);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * With no server running: under the collector's process lock (a server that starts meanwhile waits), with a
     * collector of the command's own. With one running: a collector of the command's own too, closed after; the
     * server's cycle lock is in the other process, so this one cannot see a cycle the server runs.
     */
    @Override
    public Optional<AccountCollector.Outcome> dryRun(String name) {
        try {
            Optional<CollectControl> lock = CollectControl.tryAcquire(setup.folder());
            try (Collector local = CollectBaseCommand.collector(setup)) {
                return local.dryRun(name);
            } finally {
                if (lock.isPresent()) lock.get().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
