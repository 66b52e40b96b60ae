package org.postroom.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postroom.imap.fetch.MessageSource;
import org.postroom.store.folder.MessageInfo;

/**
 * A message held in memory as a {@link MessageSource} for FETCH and SEARCH unit tests, counting how often it was
 * opened and how many octets were read, so a test can say "FLAGS opens no file" or "HEADER.FIELDS reads the header
 * only". Corpus files come from {@code src/test/resources/mime/}.
 */
public final class MessageBytes implements MessageSource {
    private final byte[] content;
    private final Instant internalDate;
    public final AtomicInteger opens = new AtomicInteger();
    public final AtomicInteger dateLookups = new AtomicInteger();
    public final AtomicLong octetsRead = new AtomicLong();

    public MessageBytes(byte[] content, Instant internalDate) {
        this.content = content;
        this.internalDate = internalDate;
    }

    /** A corpus file, delivered at {@code 2026-12-07T10:00:00Z}. */
    public static MessageBytes corpus(String name) {
        try (InputStream in = MessageBytes.class.getResourceAsStream("/mime/" + name)) {
            if (in == null) throw new IllegalArgumentException("no corpus file " + name);
            return new MessageBytes(in.readAllBytes(), Instant.parse("2026-12-07T10:00:00Z"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] content() {
        return content;
    }

    /** Its MessageInfo with this UID and flags (size from the content). */
    public MessageInfo info(long uid, int flags) {
        return new MessageInfo(uid, "unique-" + uid, content.length, flags, 0, 1);
    }

    @Override
    public InputStream open() {
        opens.incrementAndGet();
        return new ByteArrayInputStream(content) {
            @Override
            public synchronized int read() {
                int b = super.read();
                if (b >= 0) octetsRead.incrementAndGet();
                return b;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n > 0) octetsRead.addAndGet(n);
                return n;
            }
        };
    }

    @Override
    public Instant internalDate() {
        dateLookups.incrementAndGet();
        return internalDate;
    }
}
