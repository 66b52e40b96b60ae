package org.postroom.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.postroom.config.PostroomConfig;
import org.postroom.relay.SmarthostProbe;
import org.postroom.relay.SmarthostRelay;

/**
 * "Test smarthost", for {@code postroom relay test}, {@code POST /api/v1/relay/test} and the queue page: the relay's
 * own connection code ({@link SmarthostRelay#probe()}) run against each configured smarthost, with the configuration
 * in use now. Reads nothing and changes nothing: it is not audited.
 */
public final class RelayTestService {
    private final Supplier<PostroomConfig> config;

    /** {@code config} gives the configuration in use (the server's after each reload, the file's for the CLI). */
    public RelayTestService(Supplier<PostroomConfig> config) {
        this.config = config;
    }

    /** The test's answer: whether a smarthost is configured, whether all passed, and each one's steps. */
    public record Result(boolean configured, boolean ok, List<SmarthostProbe.Report> smarthosts, String note) {}

    public Result test() throws IOException {
        PostroomConfig c = config.get();
        if (c.relay().smarthosts().isEmpty()) {
            return new Result(false, false, List.of(), c.relay().mxDelivery()
                    ? "no smarthost in [relay]: mail goes straight to the recipients' MX hosts (mx_delivery), nothing to test"
                    : "no smarthost in [relay]: outside mail is refused until one is set (smarthosts = [\"smtp.provider.example:587\"])");
        }
        SmarthostRelay relay;
        try {
            relay = SmarthostRelay.create(c.relay(), c.dataDir(), c.server().hostname(), Clock.systemUTC(), Duration.ZERO);
        } catch (IOException e) {
            return new Result(true, false, List.of(), "cannot set up TLS for the relay: " + e.getMessage() + " (check trust and ca_file in [relay])");
        }
        List<SmarthostProbe.Report> reports = relay.probe();
        boolean ok = reports.stream().allMatch(SmarthostProbe.Report::ok);
        return new Result(true, ok, reports, ok ? "every smarthost took Postroom's connection" + (c.relay().hasLogin() ? " and login" : "")
                : reports.stream().anyMatch(SmarthostProbe.Report::ok) ? "a smarthost failed; Postroom uses the next one that works"
                : "no smarthost works: outside mail waits in the queue");
    }
}
