package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.postroom.queue.Spool;
import org.postroom.trace.Statistics;
import org.postroom.service.QueueService;
import org.postroom.service.StatsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code postroom stats}: messages in, out, local, collected and refused per day and hour; per user; the queue's size. */
@Command(name = "stats", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Show mail statistics from the trace: messages in (SMTP and submission), out (relayed), local (delivered "
                + "into mailboxes), collected and refused, per day and per hour of the last day; sent and received per user; queue size."})
public final class StatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "How many days back (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (days < 1 || days > 3650) throw new UsageError("--days must be between 1 and 3650");
            Path folder = options.data().toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) return fail(err, ExitCodes.UNAVAILABLE, "no data folder at " + folder + " (`postroom start` makes it)");
            Clock clock = Clock.systemUTC();
            QueueService queue = new QueueService(new Spool(folder.resolve("queue")), clock, org.postroom.service.Audit.none());
            StatsService.StatsView stats = new StatsService(folder, Caller.current().zone(), clock, queue).stats(days);
            int queued = stats.queued();
            Output out = new Output(spec.commandLine().getOut(), options.format());
            if (out.isJson()) {
                out.json(stats);
                return ExitCodes.OK;
            }
            out.line("Per day:");
            out.table(List.of("  DAY", "IN", "OUT", "LOCAL", "COLLECTED", "REFUSED"), rows(stats.days()));
            out.line("");
            out.line("Per hour, last 24 hours:");
            out.table(List.of("  HOUR", "IN", "OUT", "LOCAL", "COLLECTED", "REFUSED"), rows(stats.hours()));
            out.line("");
            out.line("Per user:");
            List<List<String>> users = new ArrayList<>();
            stats.users().forEach((user, u) -> users.add(List.of("  " + user, Integer.toString(u.sent()), Integer.toString(u.received()))));
            out.table(List.of("  USER", "SENT", "RECEIVED"), users);
            out.line("");
            out.line("Queue: " + queued + " message(s) waiting");
            return ExitCodes.OK;
        } catch (UsageError | IllegalArgumentException e) {
            return fail(err, ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            return fail(err, ExitCodes.UNAVAILABLE, e.getMessage());
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    private static List<List<String>> rows(List<Statistics.Period> periods) {
        return periods.stream().map(p -> List.of("  " + p.period(), Integer.toString(p.in()), Integer.toString(p.out()),
                Integer.toString(p.local()), Integer.toString(p.collected()), Integer.toString(p.refused()))).toList();
    }

    private int fail(PrintWriter err, int code, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        return code;
    }
}
