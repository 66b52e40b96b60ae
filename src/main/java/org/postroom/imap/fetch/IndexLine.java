package org.postroom.imap.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.postroom.store.folder.MessageInfo;

/**
 * A FETCH response made of index items only (FLAGS, UID, RFC822.SIZE, MODSEQ, INTERNALDATE), written as octets into
 * one reused buffer: a client's resync, {@code UID FETCH 1:* (FLAGS)} over 100,000 messages, allocates nothing per
 * message. A message's flag list without keywords is one of 64 (five system flags and \Recent), each encoded once.
 * One per renderer (per session): not thread-safe.
 */
final class IndexLine {
    private final byte[][] flagLists = new byte[64][];
    private final byte[][] names = new byte[FetchItem.Simple.values().length][];
    private byte[] buffer = new byte[256];
    private int length;

    void write(OutputStream out, FetchRequest request, MessageView target, DateTimeFormatter dates, ZoneOffset zone) throws IOException {
        length = 0;
        ascii("* ");
        number(target.sequence());
        ascii(" FETCH (");
        boolean first = true;
        MessageInfo m = target.message();
        for (FetchItem item : request.items()) {
            if (!first) put((byte) ' ');
            first = false;
            FetchItem.Simple simple = (FetchItem.Simple) item;
            put(name(simple));
            put((byte) ' ');
            switch (simple) {
                case FLAGS -> put(flags(m, target));
                case UID -> number(m.uid());
                case RFC822_SIZE -> number(m.size());
                case MODSEQ -> {
                    put((byte) '(');
                    number(m.modSeq());
                    put((byte) ')');
                }
                case INTERNALDATE -> ascii('"' + dates.format(ZonedDateTime.ofInstant(target.source().internalDate(), zone)) + '"');
                default -> throw new IllegalStateException("not an index item: " + simple);
            }
        }
        ascii(")\r\n");
        out.write(buffer, 0, length);
    }

    private byte[] name(FetchItem.Simple item) {
        byte[] name = names[item.ordinal()];
        if (name == null) names[item.ordinal()] = name = item.wireName().getBytes(StandardCharsets.US_ASCII);
        return name;
    }

    /** RFC 3501 2.3.2's flag list; keywords are atoms, so ASCII. */
    private byte[] flags(MessageInfo m, MessageView target) {
        if (m.keywords() != 0) return FlagNames.format(m, target.recent(), target.keywords()).getBytes(StandardCharsets.US_ASCII);
        int key = (m.flags() & 31) | (target.recent() ? 32 : 0);
        byte[] list = flagLists[key];
        if (list == null) flagLists[key] = list = FlagNames.format(m, target.recent(), target.keywords()).getBytes(StandardCharsets.US_ASCII);
        return list;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) buffer[length++] = (byte) s.charAt(i);
    }

    private void put(byte[] octets) {
        ensure(octets.length);
        System.arraycopy(octets, 0, buffer, length, octets.length);
        length += octets.length;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    /** A non-negative number in decimal, without a String. */
    private void number(long n) {
        ensure(20);
        if (n == 0) {
            buffer[length++] = '0';
            return;
        }
        int start = length;
        while (n > 0) {
            buffer[length++] = (byte) ('0' + n % 10);
            n /= 10;
        }
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = t;
        }
    }

    private void ensure(int more) {
        if (length + more > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(length + more, buffer.length * 2));
    }
}
