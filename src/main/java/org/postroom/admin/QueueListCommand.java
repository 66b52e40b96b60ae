package org.postroom.admin;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.postroom.message.MailAddress;
import org.postroom.queue.Diagnosis;
import org.postroom.queue.QueueEntry;
import org.postroom.service.QueueService;
import org.postroom.service.QueueViews;
import picocli.CommandLine.Command;

/** {@code postroom queue list}: one line per queued message. */
@Command(name = "list", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "List queued messages: id, sender, recipients, size, age, state, attempts, last error, next attempt.")
final class QueueListCommand extends QueueBaseCommand {

    @Override
    int run(QueueService queue, Output out) throws IOException {
        Instant now = Instant.now();
        QueueService.Listing listing = queue.everything();
        List<QueueEntry> entries = listing.entries();
        List<String> unreadable = listing.unreadable();
        if (out.isJson()) {
            out.json(entries.stream().map(e -> QueueViews.EntryView.of(e, now)).toList());
        } else {
            out.table(List.of("ID", "SENDER", "RECIPIENTS", "SIZE", "AGE", "STATE", "ATTEMPTS", "NEXT", "LAST ERROR"), entries.stream()
                    .map(e -> List.of(e.id(), "<" + e.sender().map(MailAddress::toString).orElse("") + ">", recipients(e),
                            Sizes.format(e.size()), QueueViews.age(java.time.Duration.between(e.created(), now)), e.summaryState(),
                            Integer.toString(e.attempts()),
                            e.isHeld() ? "-" : e.nextAttempt().map(t -> QueueViews.until(t, now)).orElse("-"),
                            e.lastProblem().map(Diagnosis::toString).orElse("")))
                    .toList());
            long config = entries.stream().filter(e -> e.lastProblem().map(Diagnosis::configProblem).orElse(false)).count();
            if (config > 0) {
                out.line("ALERT: " + config + " message(s) held up because the smarthost refused Postroom's login or TLS: "
                        + "fix [relay] in postroom.toml; nothing is bounced for this before the lifetime ends.");
            }
        }
        for (String id : unreadable) spec.commandLine().getErr().println(spec.qualifiedName() + ": cannot read the envelope of " + id);
        return ExitCodes.OK;
    }

    private static String recipients(QueueEntry e) {
        String first = e.recipients().getFirst().address().toString();
        return e.recipients().size() == 1 ? first : first + " +" + (e.recipients().size() - 1);
    }
}
