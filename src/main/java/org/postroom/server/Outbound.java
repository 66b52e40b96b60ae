package org.postroom.server;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.postroom.config.PostroomConfig;
import org.postroom.directory.Directory;
import org.postroom.intake.Intake;
import org.postroom.intake.SystemMail;
import org.postroom.queue.DeliveryAgent;
import org.postroom.queue.NoRelay;
import org.postroom.queue.OutboundQueue;
import org.postroom.queue.QueueRunner;
import org.postroom.queue.RetrySchedule;
import org.postroom.queue.Spool;
import org.postroom.relay.MxRelay;
import org.postroom.relay.SmarthostRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound side of a running Postroom, built from {@code [relay]} and {@code [queue]}: the queue in
 * {@code data/queue/}, the smarthost relay (or, with no smarthost configured, an agent that defers everything,
 * so mail queued before the smarthost was removed waits and finally bounces), and the runner. The runner starts
 * before any door opens, so no message is queued before it is watching.
 */
public final class Outbound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    private volatile PostroomConfig config;
    private final Clock clock;
    private final OutboundQueue queue;
    private QueueRunner runner;

    private Outbound(PostroomConfig config, Clock clock, OutboundQueue queue) {
        this.config = config;
        this.clock = clock;
        this.queue = queue;
    }

    static Outbound prepare(PostroomConfig config, DataFolder data, Clock clock) {
        return new Outbound(config, clock, new OutboundQueue(new Spool(data.queue()), clock));
    }

    public OutboundQueue queue() {
        return queue;
    }

    /** The runner, for tests that move their clock and {@link QueueRunner#wake() wake} it. */
    public QueueRunner runner() {
        return runner;
    }

    /** Starts the runner; notices go through {@code router} and {@code intake} like any mail. */
    void start(org.postroom.router.Router router, Intake intake, Directory directory, DataFolder data) throws IOException {
        runner = new QueueRunner(queue.spool(), agent(config), RetrySchedule.of(config.queue()), clock,
                new SystemMail(router, intake, directory, data.tmp()), config.server().hostname(),
                config.relay().maxConnections(), config.relay().maxMessagesPerConnection(), intake.trace());
        runner.start();
    }

    /** A reloaded {@code [relay]} and {@code [queue]}: {@code agent} (from {@link #agent}) and a new schedule for the runner. */
    void reconfigure(PostroomConfig next, DeliveryAgent agent) {
        config = next;
        runner.reconfigure(agent, RetrySchedule.of(next.queue()));
    }

    /** What sends outbound mail under {@code config}: the smarthost relay, MX delivery, or nothing (everything deferred). */
    DeliveryAgent agent(PostroomConfig config) throws IOException {
        DeliveryAgent agent;
        if (!config.relay().smarthosts().isEmpty()) {
            // The relay stays quiet after failing to reach any smarthost, but never past the first retry.
            Duration quiet = config.queue().firstRetry().compareTo(Duration.ofSeconds(30)) < 0 ? config.queue().firstRetry() : Duration.ofSeconds(30);
            agent = SmarthostRelay.create(config.relay(), config.dataDir(), config.server().hostname(), clock, quiet);
            log.info("outbound mail goes through {} ({})", config.relay().smarthosts(), config.relay().tls().name().toLowerCase(java.util.Locale.ROOT));
        } else if (config.relay().mxDelivery()) {
            agent = MxRelay.create(config.relay(), config.server().hostname());
            log.info("outbound mail goes straight to the recipients' MX hosts (no smarthost is set)");
        } else {
            agent = new NoRelay();
        }
        return agent;
    }

    /** Stops the runner: attempts in progress finish and are recorded. */
    @Override
    public void close() {
        if (runner != null) runner.close();
    }
}
