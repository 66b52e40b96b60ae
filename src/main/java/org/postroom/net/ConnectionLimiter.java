package org.postroom.net;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections overall and per client address, against configured bounds. */
public final class ConnectionLimiter {
    private final int maxTotal;
    private final int maxPerClient;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();

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
        AtomicInteger count = perClient.computeIfAbsent(client, k -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerClient) {
            release(client);
            return ConnectionHandler.Refusal.TOO_MANY_FROM_CLIENT;
        }
        return null;
    }

    public void release(InetAddress client) {
        total.decrementAndGet();
        perClient.computeIfPresent(client, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int open() {
        return total.get();
    }
}
