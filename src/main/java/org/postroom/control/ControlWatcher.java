package org.postroom.control;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The server's side of a control folder for a user without a scheduler of its own ({@code collect now},
 * {@code reload}): a virtual thread that looks for requests every quarter of a second and answers each in turn.
 * Closing it lets a request being answered finish (it is not interrupted: a collect cycle it runs is recorded).
 */
public final class ControlWatcher {
    private static final long POLL_MILLIS = 250;

    /** What the server answers to one request's body. */
    @FunctionalInterface
    public interface Answerer {
        byte[] answer(byte[] request) throws IOException;
    }

    private final Thread thread;
    private volatile boolean stopped;

    private ControlWatcher(String name, ControlFolder folder, Answerer answerer, Logger log) {
        thread = Thread.ofVirtual().name(name).unstarted(() -> {
            while (!stopped) {
                try {
                    for (ControlFolder.Request request : folder.pending()) folder.answer(request.name(), answerer.answer(request.body()));
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn("{}: {}", name.replace('-', ' '), e.toString());
                }
            }
        });
    }

    /** Starts answering the requests in {@code folder}; {@code name} names the thread and the log lines. */
    public static ControlWatcher start(String name, ControlFolder folder, Answerer answerer, Logger log) {
        ControlWatcher watcher = new ControlWatcher(name, folder, answerer, log);
        watcher.thread.start();
        return watcher;
    }

    /** Stops looking, and waits up to {@code patience} for a request being answered. */
    public void close(Duration patience) {
        stopped = true;
        try {
            thread.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
