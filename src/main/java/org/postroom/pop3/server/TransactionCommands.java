package org.postroom.pop3.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.postroom.pop3.Pop3Command;
import org.postroom.pop3.Pop3Replies;
import org.postroom.pop3.Pop3Reply;
import org.postroom.trace.EventKind;
import org.postroom.trace.Trace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The TRANSACTION state's commands (RFC 1939 5 and 7) over the session's {@link Maildrop}. */
final class TransactionCommands {
    private static final Logger log = LoggerFactory.getLogger(TransactionCommands.class);

    private TransactionCommands() {}

    static Pop3Reply stat(Maildrop drop) {
        return Pop3Replies.stat(drop.count(), drop.octets());
    }

    /** LIST without an argument lists the messages not marked as deleted (RFC 1939 5). */
    static Pop3Reply list(Maildrop drop, OptionalInt message) {
        if (message.isPresent()) {
            Pop3Reply refusal = refusal(drop, message.getAsInt());
            return refusal != null ? refusal : Pop3Replies.scanListing(message.getAsInt(), drop.octets(message.getAsInt()));
        }
        List<String> lines = new ArrayList<>(drop.count());
        for (int n = 1; n <= drop.size(); n++) {
            if (drop.lookup(n) == Maildrop.Lookup.PRESENT) lines.add(n + " " + drop.octets(n));
        }
        return Pop3Replies.scanListings(drop.count(), drop.octets(), lines);
    }

    static Pop3Reply uidl(Maildrop drop, OptionalInt message) {
        if (message.isPresent()) {
            Pop3Reply refusal = refusal(drop, message.getAsInt());
            return refusal != null ? refusal : Pop3Replies.uniqueIdListing(message.getAsInt(), drop.uidl(message.getAsInt()));
        }
        List<String> lines = new ArrayList<>(drop.count());
        for (int n = 1; n <= drop.size(); n++) {
            if (drop.lookup(n) == Maildrop.Lookup.PRESENT) lines.add(n + " " + drop.uidl(n));
        }
        return Pop3Replies.uniqueIdListings(lines);
    }

    static Pop3Reply dele(Maildrop drop, int message) {
        Pop3Reply refusal = refusal(drop, message);
        if (refusal != null) return refusal;
        drop.markDeleted(message);
        return Pop3Replies.deleted(message);
    }

    static Pop3Reply rset(Maildrop drop) {
        drop.reset();
        return Pop3Replies.reset(drop.count(), drop.octets());
    }

    /**
     * RETR and TOP: the file is opened before the {@code +OK}, so a message that cannot be read gets an
     * {@code -ERR} and the session goes on. Returns null once the message has been sent.
     */
    static Pop3Reply send(Pop3Session s, Pop3Command command) throws IOException {
        int message = command instanceof Pop3Command.Top top ? top.message() : ((Pop3Command.Retr) command).message();
        Maildrop drop = s.maildrop;
        Pop3Reply refusal = refusal(drop, message);
        if (refusal != null) return refusal;
        InputStream content;
        try {
            content = drop.open(message);
        } catch (NoSuchFileException e) {
            log.warn("{} message {} of {} is gone from the Maildir", s.sessionId, message, s.user.address());
            return Pop3Replies.ERR_MESSAGE_GONE;
        }
        try (content) {
            if (command instanceof Pop3Command.Top top) {
                s.sendMessage(Pop3Replies.OK_TOP_FOLLOWS, content, top.lines());
            } else {
                s.sendMessage(Pop3Replies.retrieving(drop.octets(message)), content, -1);
                drop.markRetrieved(message); // RFC 1939 leaves "seen" to the server; TOP is a preview and does not count
                Trace trace = s.services.trace();
                if (trace.recordsReads()) {
                    trace.record(ReadEvents.of(EventKind.READ, drop, message, s.user.address().toString(),
                            s.clientAddress.getHostAddress(), trace.now()));
                }
            }
        }
        return null;
    }

    /** The -ERR for a message number that names no message, or a deleted one (RFC 1939 5); null if it is fine. */
    private static Pop3Reply refusal(Maildrop drop, int message) {
        return switch (drop.lookup(message)) {
            case PRESENT -> null;
            case DELETED -> Pop3Replies.ERR_MESSAGE_DELETED;
            case NO_SUCH_MESSAGE -> Pop3Replies.ERR_NO_SUCH_MESSAGE;
        };
    }
}
