package org.postroom.admin;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postroom.message.MailAddress;
import org.postroom.queue.QueueEntry;
import org.postroom.queue.QueuedRecipient;
import org.postroom.service.QueueService;
import org.postroom.service.QueueViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom queue show ID}: one message in full, recipient by recipient. */
@Command(name = "show", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = "Show one queued message: its envelope and each recipient's state and last reply.")
final class QueueShowCommand extends QueueBaseCommand {

    @Parameters(paramLabel = "ID", description = "The message's queue id (from `postroom queue list`).")
    String id;

    @Override
    int run(QueueService queue, Output out) throws IOException {
        Optional<QueueEntry> found = queue.find(id);
        if (found.isEmpty()) return fail(spec.commandLine().getErr(), ExitCodes.NO_SUCH, "no message " + id + " in the queue");
        QueueEntry e = found.get();
        Instant now = Instant.now();
        if (out.isJson()) {
            out.json(QueueViews.EntryDetail.of(e, now));
            return ExitCodes.OK;
        }
        List<List<String>> fields = new ArrayList<>();
        fields.add(List.of("id", e.id()));
        fields.add(List.of("sender", "<" + e.sender().map(MailAddress::toString).orElse("") + ">"));
        fields.add(List.of("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT)));
        fields.add(List.of("size", Sizes.format(e.size()) + " (" + e.size() + " octets" + (e.eightBit() ? ", 8-bit" : "")
                + (e.smtpUtf8() ? ", SMTPUTF8" : "") + ")"));
        fields.add(List.of("arrived", e.created() + " (" + QueueViews.age(java.time.Duration.between(e.created(), now)) + " ago)"));
        fields.add(List.of("state", e.summaryState() + e.held().map(h -> " (" + h + ")").orElse("")));
        fields.add(List.of("delay notice", e.delayNoticeSent() ? "sent" : "not sent"));
        fields.add(List.of("message file", queue.messageFile(e.id()).toString()));
        out.fields(fields);
        for (QueuedRecipient r : e.recipients()) {
            out.line("");
            List<List<String>> rf = new ArrayList<>();
            rf.add(List.of("recipient", "<" + r.address() + ">" + r.original().map(o -> " (sent to <" + o + ">)").orElse("")));
            rf.add(List.of("state", r.state().name().toLowerCase(java.util.Locale.ROOT) + (r.owesNotice() ? " (bounce not sent yet)" : "")));
            rf.add(List.of("attempts", Integer.toString(r.attempts())));
            r.lastAttempt().ifPresent(t -> rf.add(List.of("last attempt", t.toString())));
            r.last().ifPresent(d -> rf.add(List.of("last reply", d.status() + " " + d + (d.configProblem() ? " [configuration problem]" : ""))));
            if (r.isActive() && !e.isHeld()) rf.add(List.of("next attempt", r.nextAttempt() + " (" + QueueViews.until(r.nextAttempt(), now) + ")"));
            out.fields(rf);
        }
        return ExitCodes.OK;
    }
}
