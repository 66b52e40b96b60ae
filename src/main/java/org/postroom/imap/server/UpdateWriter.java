package org.postroom.imap.server;

import java.io.IOException;
import java.util.List;
import org.postroom.imap.ImapStatus;
import org.postroom.imap.ResponseCode;
import org.postroom.imap.ResponseWriter;
import org.postroom.store.folder.MessageInfo;

/** Writes {@link MailboxUpdate}s and the flag responses of STORE as RFC 3501 7 spells them. */
final class UpdateWriter {
    private UpdateWriter() {}

    /** Writes each update; false if one said the selection is void (UIDVALIDITY changed: the caller says BYE). */
    static boolean write(ResponseWriter out, List<MailboxUpdate> updates, List<String> keywords, boolean withModSeq) throws IOException {
        for (MailboxUpdate update : updates) {
            switch (update) {
                case MailboxUpdate.Expunge e -> out.start().number(e.sequence()).raw(" EXPUNGE").end();
                case MailboxUpdate.Exists e -> out.start().number(e.count()).raw(" EXISTS").end();
                case MailboxUpdate.FlagsChanged f -> flags(out, f.sequence(), f.message(), keywords, withModSeq);
                case MailboxUpdate.KeywordsChanged k -> {
                    out.start().raw("FLAGS (").raw(String.join(" ", FlagNames.defined(k.keywords()))).raw(")").end();
                    out.status(ImapStatus.OK, ResponseCode.permanentFlags(FlagNames.permanent(k.keywords(), false)), "Flags permitted.");
                }
                case MailboxUpdate.UidValidityChanged v -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code * n FETCH (FLAGS (...) UID u [MODSEQ (m)])}. The UID is always there: a UID command needs it (RFC 3501
     * 6.4.8), and an unsolicited one saves clients a lookup; MODSEQ once CONDSTORE is on (RFC 7162 3.2).
     */
    static void flags(ResponseWriter out, int sequence, MessageInfo message, List<String> keywords, boolean withModSeq) throws IOException {
        out.start().number(sequence).raw(" FETCH (FLAGS (").raw(FlagNames.of(message, keywords)).raw(") UID ").number(message.uid());
        if (withModSeq) out.raw(" MODSEQ (").number(message.modSeq()).raw(")");
        out.raw(")").end();
    }

    /** {@code * n FETCH (UID u MODSEQ (m))}: STORE .SILENT under CONDSTORE still says the new MODSEQ (RFC 7162 3.2). */
    static void modSeq(ResponseWriter out, int sequence, MessageInfo message) throws IOException {
        out.start().number(sequence).raw(" FETCH (UID ").number(message.uid()).raw(" MODSEQ (").number(message.modSeq()).raw("))").end();
    }
}
