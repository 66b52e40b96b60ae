package org.postroom.imap.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderException;
import org.postroom.store.folder.MessageInfo;

/**
 * APPEND (RFC 3501 6.3.11; RFC 4315 APPENDUID; RFC 7889 APPENDLIMIT): the message literal streamed straight into
 * {@link Folder#append} (written to tmp/, synced, renamed in with its UID), never held whole in memory. Before the
 * client sends it, the folder must exist ({@code NO [TRYCREATE]}), the size be within {@code [imap] append_limit}
 * ({@code NO [TOOBIG]}) and the quota ({@code NO [OVERQUOTA]}): a synchronizing literal is then never asked for; a
 * non-synchronizing one is read and thrown away (or, over the limit, the connection closed: RFC 7888 4).
 */
final class AppendCommand {
    private AppendCommand() {}

    static void register(ImapCommands commands) {
        commands.add("APPEND", ImapCommand.of(ImapCommand.States.AUTHENTICATED, AppendCommand::run));
    }

    private static Completion run(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String name = args.mailbox();
        args.space();
        int flags = 0;
        Set<String> keywords = new LinkedHashSet<>();
        if (args.peek() == '(') {
            for (String flag : args.flagList()) {
                int bit = systemFlag(flag);
                if (bit > 0) flags |= bit;
                else keywords.add(flag);
            }
            args.space();
        }
        Instant internalDate = null;
        if (args.peek() == '"') {
            internalDate = args.dateTime();
            args.space();
        }
        long size = args.literalSizeAhead();
        if (size < 0) throw new ImapSyntaxException("Expected the message as a literal");

        long limit = s.settings.appendLimit();
        Completion refusal = null;
        Folder folder = null;
        if (size > limit) {
            refusal = Completion.no(ResponseCode.TOOBIG, "Message too big (the limit is " + limit + " octets)");
        } else {
            try {
                folder = s.folders.open(name);
            } catch (FolderException e) {
                if (e.reason() != FolderException.Reason.NONEXISTENT) throw e;
                // RFC 3501 6.3.11: the client may CREATE it and try again
                refusal = Completion.no(ResponseCode.TRYCREATE, "No such folder");
            }
            if (refusal == null && overQuota(s, size)) refusal = Completion.no(ResponseCode.OVERQUOTA, "The mailbox is full");
        }
        if (refusal != null) {
            // A synchronizing literal is never asked for; a non-synchronizing one is on its way and is skipped (over
            // the limit: BAD and BYE, RFC 7888 4).
            s.skipRest(args);
            return refusal;
        }
        ArgumentCursor.Literal literal = args.literalStream(limit);
        Folder.AppendResult result = folder.append(out -> copy(literal.content(), literal.size(), out), flags, keywords, internalDate);
        args.end(); // RFC 3501: nothing after the literal (MULTIAPPEND is not offered)
        return Completion.ok(ResponseCode.appendUid(result.uidValidity(), result.uid()), "APPEND completed");
    }

    private static boolean overQuota(ImapSession s, long size) throws IOException {
        long quota = s.user.quotaBytes();
        return quota > 0 && s.folders.usage() + size > quota;
    }

    private static void copy(InputStream in, long size, java.io.OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) throw new EOFException("the client hung up inside the message");
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** A system flag's bit, 0 for a keyword; {@code \Recent} and unknown system flags are refused (RFC 3501 2.3.2). */
    static int systemFlag(String flag) throws ImapSyntaxException {
        if (!flag.startsWith("\\")) return 0;
        return switch (flag.toUpperCase(Locale.ROOT)) {
            case "\\SEEN" -> MessageInfo.SEEN;
            case "\\ANSWERED" -> MessageInfo.ANSWERED;
            case "\\FLAGGED" -> MessageInfo.FLAGGED;
            case "\\DELETED" -> MessageInfo.DELETED;
            case "\\DRAFT" -> MessageInfo.DRAFT;
            default -> throw new ImapSyntaxException("Invalid flag " + ImapSession.printable(flag));
        };
    }
}
