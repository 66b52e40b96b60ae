package org.postroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postroom.net.ConnectionLimiter;

/**
 * Connection churn from one client, fuzzed in time: many threads take and give back slots as fast as they can,
 * and no more of them may ever hold a slot at once than {@code max_connections_per_client} allows.
 */
class ConnectionLimiterRaceTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void thePerClientLimitHoldsUnderChurn() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(1_000, 1);
        InetAddress client = InetAddress.getLoopbackAddress();
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicInteger grants = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    if (limiter.acquire(client) != null) continue;
                    grants.incrementAndGet();
                    maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                    holders.decrementAndGet(); // given up before the slot is released: a correct limiter never sees 2
                    limiter.release(client);
                }
            }));
        }
        for (Thread thread : threads) thread.join();

        assertThat(grants.get()).as("slots granted").isPositive();
        assertThat(maxHolders.get()).as("most holders of a slot at once, with a limit of 1 (%d grants)", grants.get()).isEqualTo(1);
        assertThat(limiter.open()).isZero();
    }
}
