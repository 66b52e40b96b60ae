package org.postroom.intake;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Postroom's id for each accepted message, as in Postfix's queue ids: short, unique in this installation over
 * time (milliseconds since the epoch, then a counter, in base 32), and the handle the log and the
 * administrator use for it.
 */
public final class MessageIds {
    private static final char[] DIGITS = "0123456789BCDFGHJKLMNPQRSTVWXYZ".toCharArray();
    private final AtomicLong counter = new AtomicLong(new SecureRandom().nextInt(1 << 20));

    public String next() {
        long time = System.currentTimeMillis();
        long count = counter.incrementAndGet() & 0xFFFFF;
        return encode(time) + encode(count);
    }

    private static String encode(long value) {
        StringBuilder out = new StringBuilder();
        do {
            out.append(DIGITS[(int) (value % DIGITS.length)]);
            value /= DIGITS.length;
        } while (value > 0);
        return out.reverse().toString();
    }
}
