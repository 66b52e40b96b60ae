package org.postroom.imap.server;

import java.io.IOException;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapState;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.fetch.MessageSource;
import org.postroom.imap.fetch.MessageView;
import org.postroom.imap.search.SearchKey;
import org.postroom.imap.search.SearchParser;
import org.postroom.imap.search.SearchProgram;
import org.postroom.store.folder.Folder;
import org.postroom.store.folder.FolderException;
import org.postroom.store.folder.MessageInfo;

/**
 * SEARCH and UID SEARCH (RFC 3501 6.4.4, 6.4.8; RFC 7162 3.1.5 MODSEQ): imap-mime's {@code SearchProgram} tests each
 * message the client knows, in sequence order; {@code * SEARCH} lists the numbers (or UIDs) that match, with
 * {@code (MODSEQ n)}, the highest of theirs, when the program used MODSEQ. A message another session expunged is
 * tested on what the client knows (flags, size, UID) and left out where its content is needed.
 */
final class SearchCommand implements ImapCommand {
    private final boolean byUid;

    SearchCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public boolean allowedIn(ImapState state) {
        return States.SELECTED.allow(state);
    }

    @Override
    public Updates updates() {
        return byUid ? Updates.ALL : Updates.NO_EXPUNGE; // RFC 3501 7.4.1
    }

    @Override
    public Completion run(ImapSession session, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.space();
        SearchProgram program;
        try {
            program = SearchParser.parse(args);
        } catch (SearchParser.UnsupportedCharset e) {
            args.remainder();
            return Completion.no(new ResponseCode(SearchParser.UnsupportedCharset.RESPONSE_CODE), e.getMessage());
        }
        args.end();
        SelectedMailbox mailbox = (SelectedMailbox) session.selection;
        boolean withModSeq = usesModSeq(program.key());
        if (withModSeq) Condstore.enable(session); // RFC 7162 3.1: a CONDSTORE-enabling command
        Folder folder = mailbox.folder();
        SearchProgram.Context context = new SearchProgram.Context(mailbox.exists(), mailbox.lastUid(), SelectedMailbox.zone(), mailbox.structures());
        // Matches first, then the response: a failure half way must not leave half a line on the wire.
        StringBuilder found = new StringBuilder();
        long highestModSeq = 0;
        for (int n = 1; n <= mailbox.exists(); n++) {
            MessageInfo message = mailbox.message(n);
            boolean match;
            try {
                match = program.matches(new MessageView(n, message, false, mailbox.keywords(), MessageSource.of(folder, message)), context);
            } catch (FolderException e) {
                if (e.reason() != FolderException.Reason.EXPUNGEISSUED) throw e;
                match = false; // expunged meanwhile: its text cannot be searched
            }
            if (!match) continue;
            found.append(' ').append(byUid ? message.uid() : n);
            highestModSeq = Math.max(highestModSeq, message.modSeq());
        }
        if (withModSeq && highestModSeq > 0) found.append(" (MODSEQ ").append(highestModSeq).append(')');
        session.out().start().raw("SEARCH").raw(found.toString()).end();
        return Completion.ok("SEARCH completed.");
    }

    /** Whether the program names MODSEQ anywhere (RFC 7162 3.1.5: then the response says the highest). */
    static boolean usesModSeq(SearchKey key) {
        return switch (key) {
            case SearchKey.ModSeq m -> true;
            case SearchKey.And and -> and.keys().stream().anyMatch(SearchCommand::usesModSeq);
            case SearchKey.Or or -> usesModSeq(or.left()) || usesModSeq(or.right());
            case SearchKey.Not not -> usesModSeq(not.key());
            default -> false;
        };
    }
}
