package org.postroom.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.postroom.files.OwnerOnly;
import org.postroom.message.MailAddress;

/**
 * Where a removed user's mailbox goes: {@code removed/<domain>/<local>-<UTC time>/} beside {@code mail/}, out of
 * reach of a user added later with the same address (who would otherwise read the old owner's mail), and kept for the
 * administrator to archive or delete. Moved rather than deleted: an office that removes the wrong user, or needs a
 * leaver's mail later, can move the folder back.
 *
 * <p>One rename on the same file system, so a running server never sees half a mailbox: its readers keep the paths
 * they listed (and get "no such file"), and its next delivery to the address makes a new, empty Maildir.
 */
public final class RemovedMailboxes {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Removals of one address within one second get -2, -3 ... up to this; past it something is wrong. */
    private static final int MAX_SAME_SECOND = 100;

    private final Path mailRoot;
    private final Path removedRoot;

    public RemovedMailboxes(Path mailRoot, Path removedRoot) {
        this.mailRoot = mailRoot;
        this.removedRoot = removedRoot;
    }

    /** The folder of {@code user}'s mailbox (which may not exist: a user who never received mail has none). */
    public Path mailbox(MailAddress user) {
        String[] parts = MailboxNames.pathFor(user);
        return mailRoot.resolve(parts[0]).resolve(parts[1]);
    }

    /** Moves {@code user}'s mailbox away; returns where it went, or empty when the user had no mailbox. */
    public Optional<Path> setAside(MailAddress user, Instant now) throws IOException {
        Path from = mailbox(user);
        if (!Files.isDirectory(from)) return Optional.empty();
        String[] parts = MailboxNames.pathFor(user);
        Path domain = removedRoot.resolve(parts[0]);
        OwnerOnly.createDirectories(domain); // 0700, and removed/ above it: mail is private
        String base = parts[1] + "-" + STAMP.format(now);
        for (int n = 1; n <= MAX_SAME_SECOND; n++) {
            Path to = domain.resolve(n == 1 ? base : base + "-" + n);
            if (Files.exists(to)) continue;
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                continue; // another removal took the name meanwhile
            }
            // Both folders' entries changed: sync them so the move survives a power cut.
            Maildir.syncDirectory(domain);
            Maildir.syncDirectory(from.getParent());
            return Optional.of(to);
        }
        throw new IOException("cannot find a free name for " + base + " in " + domain);
    }
}
