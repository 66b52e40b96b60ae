package org.postroom.collect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Files downloaded messages into the mailboxes while the next one downloads. Filing is mostly waiting for the disk
 * (the Maildir file, its folder and the ledger are each synced), downloading mostly waiting for the provider; in
 * lanes the syncs of several messages overlap each other and the network.
 *
 * <p>A message goes to the lane chosen by its key (Message-ID or digest), so two copies of one message are filed
 * one after the other by the same lane and the second sees the first's ledger rows: the exactly-once check needs
 * no lock. Each lane holds a few messages at most, so a fast provider cannot fill the memory.
 *
 * <p>After the first failure no more work is started; the failed message and those not yet filed stay unrecorded,
 * so the next cycle downloads them again. With no lanes (a dry run) the work runs at once in the caller.
 */
final class FilingLanes implements AutoCloseable {
    /** Work for one message; {@link #abandon} when it will not run (after an earlier failure). */
    interface Filing {
        void file() throws IOException;

        void abandon();
    }

    private static final Filing STOP = new Filing() {
        @Override
        public void file() {}

        @Override
        public void abandon() {}
    };

    private final List<BlockingQueue<Filing>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private boolean finished;

    FilingLanes(int lanes, String name) {
        for (int i = 0; i < lanes; i++) {
            BlockingQueue<Filing> queue = new ArrayBlockingQueue<>(4);
            queues.add(queue);
            // Platform threads: the SQLite driver's native calls would pin a virtual thread's carrier anyway.
            threads.add(Thread.ofPlatform().name(name + "-lane-" + i).daemon().start(() -> drain(queue)));
        }
    }

    /** Files {@code filing} in the lane of {@code key}; waits while that lane is full. */
    void submit(String key, Filing filing) throws IOException {
        if (failure.get() != null) {
            filing.abandon();
            return;
        }
        if (queues.isEmpty()) {
            run(filing);
            rethrow();
            return;
        }
        try {
            queues.get(Math.floorMod(key.hashCode(), queues.size())).put(filing);
        } catch (InterruptedException e) {
            filing.abandon();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing a message to filing", e);
        }
    }

    boolean failed() {
        return failure.get() != null;
    }

    /** Waits until every lane has filed what it was given; throws the first failure. */
    void finish() throws IOException {
        stopLanes();
        rethrow();
    }

    private void drain(BlockingQueue<Filing> queue) {
        while (true) {
            Filing filing;
            try {
                filing = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (filing == STOP) return;
            if (failure.get() != null) filing.abandon();
            else run(filing);
        }
    }

    private void run(Filing filing) {
        try {
            filing.file();
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
            // Even an Error ends only this cycle: a lane that died would leave submit() waiting on its full queue.
            failure.compareAndSet(null, new IOException(e.toString(), e));
        }
    }

    private void rethrow() throws IOException {
        IOException e = failure.get();
        if (e != null) throw e;
    }

    private void stopLanes() {
        if (finished) return;
        finished = true;
        boolean interrupted = false;
        for (BlockingQueue<Filing> queue : queues) {
            while (true) {
                try {
                    queue.put(STOP);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Lets the lanes finish what they hold (a cycle that stopped early still records what it stored). */
    @Override
    public void close() {
        stopLanes();
    }
}
