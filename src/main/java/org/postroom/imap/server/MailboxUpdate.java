package org.postroom.imap.server;

import java.util.List;
import org.postroom.store.folder.MessageInfo;

/**
 * One change to the selected folder that the client has not been told yet, as the untagged response that tells it
 * (RFC 3501 7.3.1 EXISTS, 7.4.1 EXPUNGE, 7.4.2 FETCH, 7.2.6 FLAGS). {@link SelectedMailbox#sync} computes them in the
 * order they must be sent: sequence numbers in each are valid at the moment it is sent.
 */
sealed interface MailboxUpdate {
    /** {@code * n EXPUNGE}: message {@code n} is gone; the ones after it are renumbered at once. */
    record Expunge(int sequence) implements MailboxUpdate {}

    /** {@code * n EXISTS}: the folder now holds {@code count} messages (never fewer than the client knew, 7.3.1). */
    record Exists(int count) implements MailboxUpdate {}

    /** {@code * n FETCH (FLAGS (...) UID u [MODSEQ (m)])}: another session, POP3 or a hand edit changed its flags. */
    record FlagsChanged(int sequence, MessageInfo message) implements MailboxUpdate {}

    /** {@code * FLAGS (...)} and {@code * OK [PERMANENTFLAGS (...)]}: the folder has keywords it did not have. */
    record KeywordsChanged(List<String> keywords) implements MailboxUpdate {}

    /**
     * The folder's UIDVALIDITY changed under the session (it was deleted and made again, or its index was lost and
     * the UIDs could not be kept): nothing the client knows holds any more, RFC 3501 2.3.1.1. The session says BYE.
     */
    record UidValidityChanged(long uidValidity) implements MailboxUpdate {}
}
