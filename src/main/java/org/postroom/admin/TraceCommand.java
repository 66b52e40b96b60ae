package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.postroom.trace.MessageStory;
import org.postroom.service.TraceService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code postroom trace QUERY}: where did my mail go? Each matching message with its steps and a one-line verdict. */
@Command(name = "trace", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Show what happened to messages: each one's steps in order and a one-line verdict.",
                "QUERY is an address (sender or recipient), a Message-ID (with or without <>), a queue id, or a client's IP address.",
                "Works while Postroom runs. Exit code 67 when nothing matches."})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "QUERY", description = "An address, a Message-ID, a queue id or a client IP address.")
    String query;

    @Option(names = "--since", paramLabel = "AGE", defaultValue = "2d",
            description = "Only messages with a step this recent: 30m, 12h, 2d, ... (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most this many messages, the most recent first (default: ${DEFAULT-VALUE}, at most 100).")
    int limit;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Duration age;
            try { // the service's reading of an age, as the API's ?since= has it
                age = TraceService.age(since, "--since");
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            if (limit < 1) throw new UsageError("--limit must be at least 1");
            limit = Math.min(limit, org.postroom.trace.TraceReader.MAX_MESSAGES);
            Path folder = options.data().toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) return fail(err, ExitCodes.UNAVAILABLE, "no data folder at " + folder + " (`postroom start` makes it)");
            List<MessageStory> stories = new TraceService(folder, Caller.current().zone(), Clock.systemUTC()).stories(query, age, limit);
            Output out = new Output(spec.commandLine().getOut(), options.format());
            if (out.isJson()) out.json(stories.stream().map(TraceService.StoryView::of).toList());
            else TraceViews.print(out, stories, Caller.current().zone());
            if (stories.isEmpty()) {
                if (!out.isJson()) err.println(spec.qualifiedName() + ": no message matches " + query + " in the last " + since);
                return ExitCodes.NO_SUCH;
            }
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

    private int fail(PrintWriter err, int code, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        return code;
    }
}
