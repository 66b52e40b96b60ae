package org.postroom.imap.server;

import java.io.IOException;
import java.util.Locale;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapStatus;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.ResponseWriter;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderSnapshot;
import org.postroom.store.folder.MessageInfo;

/**
 * SELECT and EXAMINE (RFC 3501 6.3.1, 6.3.2), with RFC 7162's {@code (CONDSTORE)} parameter. Whatever was selected
 * is closed first, without expunging, even if the new one cannot be opened; with an untagged {@code OK [CLOSED]}
 * (RFC 7162 3.2.11), so a client knows which responses belong to which folder.
 */
final class SelectCommand implements ImapCommand {
    private static final ResponseCode CLOSED = new ResponseCode("CLOSED");
    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public boolean allowedIn(ImapState state) {
        return States.AUTHENTICATED.allow(state);
    }

    @Override
    public Updates updates() {
        return Updates.NONE; // the responses below are the whole news
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        String name = args.mailbox();
        boolean condstore = false;
        if (!args.atEnd()) {
            args.space();
            args.expect('(');
            do {
                String parameter = args.atom().toUpperCase(Locale.ROOT);
                if (!parameter.equals("CONDSTORE")) throw new ImapSyntaxException("Unknown SELECT parameter " + parameter);
                condstore = true;
            } while (args.take(' '));
            args.expect(')');
        }
        args.end();

        ResponseWriter out = session.out();
        // The previous selection is closed for the client now, but stops listening only once the new one listens:
        // selecting the same folder again keeps it loaded and idle-free (no index written and read in between).
        Selection previous = session.detach();
        if (previous != null) out.status(ImapStatus.OK, CLOSED, "Previous mailbox closed.");
        SelectedMailbox mailbox;
        try {
            Folder folder = session.folders.open(name); // NONEXISTENT: the session answers NO [NONEXISTENT]
            if (condstore) Condstore.enable(session); // RFC 7162 3.1: SELECT (CONDSTORE) enables it
            mailbox = SelectedMailbox.select(folder, readOnly, Condstore.on(session));
        } finally {
            session.closeQuietly(previous);
        }
        describe(out, mailbox);
        session.select(mailbox);
        return readOnly ? Completion.ok(ResponseCode.READ_ONLY, "EXAMINE completed.") : Completion.ok(ResponseCode.READ_WRITE, "SELECT completed.");
    }

    /** The untagged responses RFC 3501 6.3.1 requires (FLAGS, EXISTS, RECENT) and the OKs it recommends. */
    private void describe(ResponseWriter out, SelectedMailbox mailbox) throws IOException {
        FolderSnapshot snapshot = mailbox.latest();
        out.start().raw("FLAGS (").raw(String.join(" ", FlagNames.defined(mailbox.keywords()))).raw(")").end();
        out.status(ImapStatus.OK, ResponseCode.permanentFlags(FlagNames.permanent(mailbox.keywords(), readOnly)),
                readOnly ? "No permanent flags permitted." : "Flags permitted.");
        out.start().number(mailbox.exists()).raw(" EXISTS").end();
        out.start().raw("0 RECENT").end(); // \Recent is not kept: docs/quirks.md
        int unseen = firstUnseen(mailbox);
        if (unseen > 0) out.status(ImapStatus.OK, ResponseCode.unseen(unseen), "First unseen.");
        out.status(ImapStatus.OK, ResponseCode.uidValidity(snapshot.uidValidity()), "UIDs valid.");
        out.status(ImapStatus.OK, ResponseCode.uidNext(snapshot.uidNext()), "Predicted next UID.");
        // RFC 7162 3.1.2.1: a server with persistent MODSEQs sends it at every SELECT and EXAMINE.
        out.status(ImapStatus.OK, ResponseCode.highestModSeq(snapshot.highestModSeq()), "Highest.");
    }

    private static int firstUnseen(SelectedMailbox mailbox) {
        for (int n = 1; n <= mailbox.exists(); n++) {
            if (!mailbox.message(n).has(MessageInfo.SEEN)) return n;
        }
        return 0;
    }
}
