package org.postroom.service;

import java.util.Optional;
import org.postroom.collect.AccountCollector;
import org.postroom.collect.CollectControl;
import org.postroom.collect.Collector;

/**
 * What only a collector with the directory, router and intake behind it can do, for {@link CollectorService}: in
 * the server, its own running {@link Collector}; in a CLI command, the running server's through
 * {@link CollectControl}'s files, or a collector of the command's own when no server runs.
 */
public interface CollectorRuntime {
    /** A cycle now, a re-read of the accounts kept in the database, or a held message delivered ({@link CollectControl.Request}). */
    CollectControl.Reply ask(CollectControl.Request request);

    /**
     * A dry run of the account under the collector's lock for it ({@link Collector#dryRun}); empty when there is no
     * such account. Throws {@link Collector.CycleRunning} while a cycle of it runs.
     */
    Optional<AccountCollector.Outcome> dryRun(String name);

    /** The running server's own collector. */
    static CollectorRuntime of(Collector collector) {
        return new CollectorRuntime() {
            @Override
            public CollectControl.Reply ask(CollectControl.Request request) {
                return CollectControl.answer(collector, request);
            }

            @Override
            public Optional<AccountCollector.Outcome> dryRun(String name) {
                return collector.dryRun(name);
            }
        };
    }
}
