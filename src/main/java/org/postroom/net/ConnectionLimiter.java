package org.postroom.net;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections overall and per client address, against configured bounds. */
public final class ConnectionLimiter {
    private final int maxTotal;
    private final int maxPerClient;
    private final AtomicInteger total = new AtomicInteger();
    /** Open connections per client; changed only inside the map's atomic compute, so a count never detaches. */
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxTotal, int maxPerClient) {
        this.maxTotal = maxTotal;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a slot for {@code client}, or says which bound stops it (and takes nothing). */
    public ConnectionHandler.Refusal acquire(InetAddress client) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return ConnectionHandler.Refusal.TOO_MANY_CONNECTIONS;
        }
        boolean[] granted = new boolean[1];
        perClient.compute(client, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerClient) return n;
            granted[0] = true;
            return count + 1;
        });
        if (!granted[0]) {
            total.decrementAndGet();
            return ConnectionHandler.Refusal.TOO_MANY_FROM_CLIENT;
        }
        return null;
    }

    public void release(InetAddress client) {
        total.decrementAndGet();
        perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    public int open() {
        return total.get();
    }
}
