package org.postroom.imap.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.ResponseWriter;
import org.postroom.imap.SequenceSet;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.MessageInfo;

/**
 * STORE and UID STORE (RFC 3501 6.4.6): FLAGS, +FLAGS, -FLAGS, each with .SILENT, and RFC 7162's UNCHANGEDSINCE.
 * The new flags of every message named are sent back (unless .SILENT) as {@code * n FETCH (FLAGS (...) UID n)}; under
 * CONDSTORE each changed message's new MODSEQ is sent even with .SILENT (RFC 7162 3.2), and messages changed by
 * someone since UNCHANGEDSINCE are left alone and named in {@code [MODIFIED set]}.
 */
final class StoreCommand implements ImapCommand {
    private final boolean byUid;

    StoreCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public boolean allowedIn(ImapState state) {
        return States.SELECTED.allow(state);
    }

    @Override
    public Updates updates() {
        return Updates.NONE; // sent below, with this command's own responses (RFC 3501 7.4.1 for STORE)
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        SequenceSet set = args.sequenceSet();
        args.space();
        long unchangedSince = Long.MAX_VALUE;
        if (args.take('(')) {
            String modifier = args.atom().toUpperCase(Locale.ROOT);
            if (!modifier.equals("UNCHANGEDSINCE")) throw new ImapSyntaxException("Unknown STORE modifier " + modifier);
            args.space();
            unchangedSince = args.number64();
            args.expect(')');
            args.space();
        }
        String item = args.atom().toUpperCase(Locale.ROOT);
        boolean silent = item.endsWith(".SILENT");
        Folder.FlagChange.Mode mode = switch (silent ? item.substring(0, item.length() - 7) : item) {
            case "FLAGS" -> Folder.FlagChange.Mode.REPLACE;
            case "+FLAGS" -> Folder.FlagChange.Mode.ADD;
            case "-FLAGS" -> Folder.FlagChange.Mode.REMOVE;
            default -> throw new ImapSyntaxException("Expected FLAGS, +FLAGS or -FLAGS");
        };
        args.space();
        List<String> names;
        if (args.peek() == '(') {
            names = args.flagList();
        } else {
            names = new ArrayList<>();
            do names.add(args.flag()); while (args.take(' '));
        }
        args.end();
        Folder.FlagChange change = change(mode, names);

        SelectedMailbox mailbox = (SelectedMailbox) session.selection;
        if (mailbox.readOnly()) return Completion.no(ResponseCode.READ_ONLY, "The mailbox was opened with EXAMINE.");
        if (unchangedSince != Long.MAX_VALUE) Condstore.enable(session); // RFC 7162 3.1: a CONDSTORE-enabling command
        boolean condstore = mailbox.withModSeq();
        int[] sequences = MessageSet.resolve(set, byUid, mailbox);
        List<Long> uids = MessageSet.uids(sequences, mailbox);
        Folder.StoreResult result = mailbox.folder().store(uids, change, unchangedSince);

        Map<Long, MessageInfo> changed = new HashMap<>();
        for (MessageInfo m : result.changed()) changed.put(m.uid(), m);
        ResponseWriter out = session.out();
        // Every update since the last command, this STORE's own changes among them; EXPUNGE only for UID STORE.
        List<MailboxUpdate> updates = mailbox.refresh(byUid, condstore);
        Set<Long> told = new LinkedHashSet<>();
        for (MailboxUpdate update : updates) { // in order: each sequence number is valid when it is sent
            if (update instanceof MailboxUpdate.FlagsChanged f && changed.containsKey(f.message().uid())) {
                told.add(f.message().uid());
                if (!silent) UpdateWriter.flags(out, f.sequence(), f.message(), mailbox.keywords(), condstore);
                else if (condstore) UpdateWriter.modSeq(out, f.sequence(), f.message());
            } else if (!UpdateWriter.write(out, List.of(update), mailbox.keywords(), condstore)) {
                SelectedMailbox.endSession(out);
            }
        }
        if (!silent) {
            // RFC 3501 6.4.6: the flags of each message named, changed or not (a message unchanged because someone
            // else's MODSEQ was newer too: the client needs its real flags).
            for (long uid : uids) {
                if (told.contains(uid)) continue;
                int n = mailbox.sequenceOf(uid);
                if (n > 0 && !mailbox.isExpunged(n)) UpdateWriter.flags(out, n, mailbox.message(n), mailbox.keywords(), condstore);
            }
        }
        if (!result.modifiedSince().isEmpty()) {
            List<Long> modified = new ArrayList<>();
            for (long uid : result.modifiedSince()) modified.add(byUid ? uid : (long) mailbox.sequenceOf(uid));
            modified.sort(null);
            return Completion.ok(new ResponseCode("MODIFIED " + SequenceSet.format(modified)), "Conditional STORE failed for some.");
        }
        return Completion.ok("STORE completed.");
    }

    /** The flag names as a change: system flags by bit, the rest keywords (RFC 3501 2.3.2). */
    static Folder.FlagChange change(Folder.FlagChange.Mode mode, List<String> names) throws ImapSyntaxException {
        int bits = 0;
        Set<String> keywords = new LinkedHashSet<>();
        for (String name : names) {
            if (name.startsWith("\\")) {
                int bit = FlagNames.bit(name);
                if (bit < 0) throw new ImapSyntaxException("Unknown system flag " + name);
                bits |= bit;
            } else {
                keywords.add(name);
            }
        }
        return new Folder.FlagChange(mode, bits, keywords);
    }
}
