package org.postroom.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.postroom.queue.AdminRequest;
import org.postroom.queue.QueueControl;
import org.postroom.service.Audit;
import org.postroom.service.QueueService;
import org.postroom.queue.Spool;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code postroom queue ...} command does around its own work: find the data folder and its queue,
 * and turn problems into a message on stderr and an exit code. Reading commands read the envelope files
 * directly (each is replaced whole by a rename, so it is never seen half-written); changing commands go through
 * {@link QueueControl}, which hands them to the running server or, when none runs, carries them out itself.
 */
abstract class QueueBaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions options;

    @Mixin
    HelpOption help;

    abstract int run(QueueService queue, Output out) throws IOException;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path folder = options.data().toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) return fail(err, ExitCodes.UNAVAILABLE, "no data folder at " + folder + " (`postroom start` makes it)");
            return run(new QueueService(new Spool(folder.resolve("queue")), Clock.systemUTC(), Audit.offline(folder, Clock.systemUTC())), new Output(spec.commandLine().getOut(), options.format()));
        } catch (UsageError | IllegalArgumentException e) {
            return fail(err, ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            return fail(err, ExitCodes.UNAVAILABLE, e.getMessage());
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }

    /** Sends an administrator's request through the service and reports the answer. */
    int request(QueueService queue, Output out, AdminRequest.Action action, Optional<String> id) throws IOException {
        QueueService.Outcome outcome = queue.act(DirectoryCommand.actor(), action, id);
        int code = switch (outcome.status()) {
            case DONE -> ExitCodes.OK;
            case NO_SUCH -> ExitCodes.NO_SUCH;
            case CONFLICT -> ExitCodes.CONFLICT;
            case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
        };
        if (code != ExitCodes.OK) return fail(spec.commandLine().getErr(), code, outcome.message());
        out.result(new AdminRequest.Reply(true, outcome.message(), outcome.ids()), outcome.message());
        return ExitCodes.OK;
    }

    int fail(PrintWriter err, int code, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        return code;
    }
}
