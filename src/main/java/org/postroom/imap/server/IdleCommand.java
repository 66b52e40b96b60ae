package org.postroom.imap.server;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.postroom.imap.ArgumentCursor;
import org.postroom.imap.Completion;
import org.postroom.imap.ImapSyntaxException;
import org.postroom.net.LineInput;
import org.postroom.net.SessionConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IDLE (RFC 2177): {@code + idling}, then the selected folder's changes sent as they happen (a virtual thread waits
 * on the folder's listener and writes the updates while the session's own thread waits for {@code DONE}), and a
 * {@code * OK Still here} every {@link #KEEPALIVE} so that NAT boxes keep the connection.
 *
 * <p>The wait for DONE has its own deadline, {@code [imap] idle_command_timeout}, longer than the autologout timer:
 * clients re-IDLE only every 24-29 minutes. Whatever the client sent after DONE in the same packet (iOS sends its
 * next command with it) stays in the connection's buffer and is read as the next command.
 */
final class IdleCommand implements ImapCommand {
    private static final Logger log = LoggerFactory.getLogger(IdleCommand.class);
    /** Dovecot's {@code imap_idle_notify_interval}: often enough for NAT timeouts, rare enough to cost nothing. */
    static final Duration KEEPALIVE = Duration.ofMinutes(2);

    static void register(ImapCommands commands) {
        commands.add("IDLE", new IdleCommand());
    }

    @Override
    public boolean allowedIn(org.postroom.imap.ImapState state) {
        return States.AUTHENTICATED.allow(state);
    }

    @Override
    public Completion run(ImapSession s, String tag, ArgumentCursor args) throws IOException, ImapSyntaxException {
        args.end();
        // Listening first, so that no change between the updates below and the wait for DONE is missed.
        Notifier notifier = new Notifier(s);
        LineInput.Line line;
        try {
            // What happened before IDLE goes first (RFC 2177: the server may send updates at once).
            s.sendUpdates(true);
            s.out().continuation("idling");
            s.flush();
            notifier.start();
            line = s.connection.readCommand(CommandReader.MAX_COMMAND_TEXT, s.server::isShuttingDown, s.settings.idleCommandTimeout());
        } catch (SocketTimeoutException e) {
            notifier.stop();
            log.info("{} IDLE longer than {}, closing", s.sessionId, s.settings.idleCommandTimeout());
            s.bye("IDLE for too long");
            return null;
        } finally {
            notifier.stop();
        }
        if (line == null) {
            if (s.server.isShuttingDown()) {
                s.bye("Postroom is shutting down");
                return null;
            }
            throw new EOFException("the client hung up during IDLE");
        }
        String text = line.overflow() ? null : SessionConnection.decodeLine(line.bytes());
        if (text == null || !text.equalsIgnoreCase("DONE")) return Completion.bad("Expected DONE");
        return Completion.ok("IDLE terminated");
    }

    /** Writes the folder's updates (and keep-alives) while the session's thread waits for DONE. */
    private static final class Notifier {
        private final ImapSession s;
        private final Thread thread;
        private final AutoCloseable listening;
        private volatile boolean changed;
        private volatile boolean stopped;

        Notifier(ImapSession s) {
            this.s = s;
            this.thread = Thread.ofVirtual().name(s.sessionId + "-idle").unstarted(this::loop);
            this.listening = s.selection == null ? null : s.selection.listen(this::wake);
        }

        /** From now on the notifier writes; the session's thread only reads until {@link #stop}. */
        void start() {
            thread.start();
        }

        private void wake() {
            changed = true;
            LockSupport.unpark(thread);
        }

        private void loop() {
            long nextKeepalive = System.nanoTime() + KEEPALIVE.toNanos();
            try {
                for (long turn = 0; turn < Long.MAX_VALUE && !stopped; turn++) {
                    long wait = nextKeepalive - System.nanoTime();
                    if (!changed && wait > 0) LockSupport.parkNanos(this, wait);
                    if (stopped) return;
                    if (changed) {
                        changed = false;
                        s.sendUpdates(true);
                        s.flush();
                    } else if (System.nanoTime() >= nextKeepalive) {
                        s.out().status(org.postroom.imap.ImapStatus.OK, null, "Still here");
                        s.flush();
                        nextKeepalive = System.nanoTime() + KEEPALIVE.toNanos();
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.debug("{} IDLE updates stopped: {}", s.sessionId, e.toString());
            }
        }

        /** Stops listening and waits for a write in progress to finish, so the session's thread owns the output again. */
        void stop() {
            if (stopped) return;
            stopped = true;
            if (listening != null) {
                try {
                    listening.close();
                } catch (Exception e) {
                    log.debug("{} could not stop listening: {}", s.sessionId, e.toString());
                }
            }
            if (!thread.isAlive()) return; // never started (the updates before "+ idling" failed) or already done
            LockSupport.unpark(thread);
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
