package org.postroom.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.postroom.directory.Directory;
import org.postroom.directory.Postmaster;
import org.postroom.message.MailAddress;
import org.postroom.message.SpooledMessage;
import org.postroom.queue.NoticeSender;
import org.postroom.queue.QueueEntry;
import org.postroom.router.RouteDecision;
import org.postroom.router.Router;
import org.postroom.router.SenderContext;

/**
 * Postroom's own mail (the queue's notices) through the same router and intake as everyone's: from the null
 * sender, to a local mailbox or, through the queue, outside.
 */
public final class SystemMail implements NoticeSender {
    private final Router router;
    private final Intake intake;
    private final Directory directory;
    private final Path spillDir;

    public SystemMail(Router router, Intake intake, Directory directory, Path spillDir) {
        this.router = router;
        this.intake = intake;
        this.directory = directory;
        this.spillDir = spillDir;
    }

    @Override
    public Result send(MailAddress to, byte[] message, QueueEntry.Kind kind) {
        RouteDecision decision = router.route(to, SenderContext.SYSTEM, message.length);
        Envelope.Recipient recipient;
        switch (decision) {
            case RouteDecision.Local local -> recipient = new Envelope.Recipient(to, local.users());
            case RouteDecision.Outbound outbound -> recipient = new Envelope.Recipient(to, outbound.users(), outbound.remote());
            case RouteDecision.Refused refused -> {
                if (refused.reason() == RouteDecision.Refusal.OVER_QUOTA_TEMPORARY) return new Result.TryLater("the mailbox of " + to + " is full");
                return new Result.Refused(refused.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        try (SpooledMessage spooled = new SpooledMessage(spillDir, 1 << 20)) {
            spooled.write(message);
            return switch (intake.receive(new Envelope(Optional.empty(), List.of(recipient)), spooled, Arrival.internal(), kind)) {
                case IntakeResult.Accepted accepted -> new Result.Sent(accepted.id());
                case IntakeResult.Loop loop -> new Result.Refused("mail loop");
                case IntakeResult.StorageFailure failure -> new Result.TryLater(failure.reason());
            };
        } catch (IOException e) {
            return new Result.TryLater(e.toString());
        }
    }

    /** The office's postmaster ({@link Postmaster}). */
    @Override
    public MailAddress postmaster() {
        return Postmaster.primary(directory).orElseThrow(() -> new IllegalStateException("no local domain"));
    }
}
