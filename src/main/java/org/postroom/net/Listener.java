package org.postroom.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket: accepts connections and runs each on its own thread, within the bounds of a
 * {@link ConnectionLimiter} shared by the doors of one protocol. Connections run on virtual threads (DESIGN.md
 * principle 2: thousands cost little memory, and starting one is cheap, which matters for SMTP's one connection
 * per message), except that a listener may keep a few platform threads for its first sessions at once: POP3
 * does, since its sessions are few and each is a long string of short commands. A platform thread blocked in a
 * read is woken by the kernel directly, where a virtual thread's wake-up goes through a poller and a carrier
 * thread; at one session that made retrieving mail 15-40% slower (docs/architecture.md, "Concurrency"). A platform
 * thread costs more memory (its stack, its own allocation buffer in the heap), hence the bound.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);

    private final String name;
    private final ServerSocket serverSocket;
    private final ConnectionHandler handler;
    private final ConnectionLimiter limiter;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService platformThreads;
    private final Semaphore platformSlots;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    /** @param platformSessions how many sessions at once run on platform threads (0: all on virtual threads) */
    public Listener(String name, InetSocketAddress bind, ConnectionHandler handler, ConnectionLimiter limiter, int platformSessions)
            throws IOException {
        this.name = name;
        this.platformThreads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name(name + "-", 1).daemon().factory());
        this.platformSlots = new Semaphore(platformSessions);
        this.handler = handler;
        this.limiter = limiter;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(bind, 1024);
        this.acceptor = Thread.ofVirtual().name(name + "-accept").start(this::acceptLoop);
        log.info("{} listening on {}", name, serverSocket.getLocalSocketAddress());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Whether the socket is still bound and open, accepting connections ({@code /readyz}). */
    public boolean isListening() {
        return serverSocket.isBound() && !serverSocket.isClosed() && acceptor.isAlive();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) log.warn("{}: accept failed: {}", name, e.toString());
                continue;
            }
            dispatch(socket);
        }
    }

    /** Starts the connection's thread: a platform thread while a slot is free, else a virtual one. */
    private void dispatch(Socket socket) {
        if (platformSlots.tryAcquire()) {
            try {
                platformThreads.submit(() -> {
                    try {
                        serve(socket);
                    } finally {
                        platformSlots.release();
                    }
                });
                return;
            } catch (RejectedExecutionException | OutOfMemoryError e) { // stopping, or the system has no thread to give
                platformSlots.release();
                log.debug("{}: no platform thread ({}); a virtual one instead", name, e.toString());
            }
        }
        try {
            threads.submit(() -> serve(socket));
        } catch (RejectedExecutionException e) { // stopping: nobody will serve it
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private void serve(Socket socket) {
        InetAddress client = socket.getInetAddress();
        ConnectionHandler.Refusal refusal = limiter.acquire(client);
        try (socket) {
            if (refusal != null) {
                log.info("{}: refused {} ({})", name, client.getHostAddress(), refusal);
                handler.refuse(socket, refusal);
                return;
            }
            open.add(socket);
            try {
                socket.setTcpNoDelay(true);
                handler.handle(socket);
            } finally {
                open.remove(socket);
                limiter.release(client);
            }
        } catch (SocketException e) {
            log.debug("{}: connection from {} ended: {}", name, client.getHostAddress(), e.toString());
        } catch (IOException e) {
            log.debug("{}: connection from {} failed: {}", name, client.getHostAddress(), e.toString());
        } catch (RuntimeException | Error e) {
            log.warn("{}: session with {} failed", name, client.getHostAddress(), e);
        }
    }

    /** Stops accepting; running sessions go on (the protocol decides how they end). */
    public void stopAccepting() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.debug("{}: close failed", name, e);
        }
        // The JDK releases the port only when the thread blocked in accept() has left it.
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code grace} for running sessions, then closes whatever is still open. */
    @Override
    public void close() {
        stopAccepting();
        threads.shutdown();
        platformThreads.shutdown();
        try {
            if (!awaitSessions(Duration.ofSeconds(10))) {
                for (Socket socket : open) closeQuietly(socket);
                awaitSessions(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acceptor.interrupt();
    }

    private boolean awaitSessions(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        return threads.awaitTermination(patience.toNanos(), TimeUnit.NANOSECONDS)
                && platformThreads.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
