package org.postroom.control;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import org.postroom.files.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code data/run/admin/admin.sock}: a Unix socket on which the running server takes an admin command line and runs it
 * in its own JVM, where picocli, the configuration and the database are already loaded and open, and answers with the
 * exit code and what the command printed. A command then costs its client little more than a JVM's start (issue 14's
 * fast CLI). Which lines may come this way, and how they run, is the {@link Handler}'s business; the exchange is
 * {@link CommandWire}'s; the client is {@link CommandClient}.
 *
 * <p>Lines run on two platform threads of their own, one at a time each: a command is mostly SQLite, whose native calls
 * would pin the carriers that every door's virtual threads share.
 *
 * <p>SECURITY: the socket is alone in a {@code 0700} folder of the data folder ({@code run/admin/}), so only the data
 * folder's owner (and root) can connect: the people who could run the command against the files directly anyway.
 */
public final class CommandSocket implements AutoCloseable {
    /** How long a client may take to send its line. */
    private static final Duration REQUEST_PATIENCE = Duration.ofSeconds(10);
    /** How long a stop waits for the lines running. */
    private static final Duration DRAIN = Duration.ofSeconds(60);
    /** sun_path's size on Linux, with its terminating zero. */
    private static final int MAX_PATH_BYTES = 107;

    /** A command line from a client; {@code user} is the system user the kernel says is on the other end. */
    public record Request(Path dataFolder, List<String> args, Charset stdout, Charset stderr, ZoneId zone, String user) {}

    /** What a command printed, and its exit code. */
    public record Reply(int exitCode, byte[] out, byte[] err) {}

    /** Decides which lines run here, and runs them. */
    public interface Handler {
        /** Whether this server runs {@code request}; otherwise the client runs it itself. Quick: nothing runs yet. */
        boolean accepts(Request request);

        Reply run(Request request);
    }

    private final Path file;
    private final ServerSocketChannel channel;
    private final Handler handler;
    private final ExecutorService runner = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("command-", 1).daemon().factory());
    private final AtomicLong handled = new AtomicLong();
    private final Thread acceptor;

    private CommandSocket(Path file, ServerSocketChannel channel, Handler handler) {
        this.file = file;
        this.channel = channel;
        this.handler = handler;
        this.acceptor = Thread.ofPlatform().name("command-socket").daemon().start(this::accept);
    }

    private static Logger log() {
        return LoggerFactory.getLogger(CommandSocket.class);
    }

    /** Where the socket of a data folder is: in a folder of its own, which only the owner may enter. */
    public static Path fileIn(Path dataFolder) {
        return dataFolder.toAbsolutePath().resolve("run").resolve("admin").resolve("admin.sock");
    }

    /**
     * Listens on {@link #fileIn} of {@code dataFolder}, replacing a socket file a killed server left; empty (logged)
     * when the socket cannot be made, for instance when its path is too long for a Unix socket: commands then run in
     * their own JVM, as they always can.
     */
    public static Optional<CommandSocket> open(Path dataFolder, Handler handler) {
        Path file = fileIn(dataFolder);
        if (file.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            log().info("admin commands run in their own JVM: {} is too long a path for a Unix socket", file);
            return Optional.empty();
        }
        try {
            OwnerOnly.privateFolder(file.getParent()); // 0700 even when it was there: whoever can connect can run the commands
            Files.deleteIfExists(file); // only this server's lock holder gets here: a file left is a dead server's
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(file));
            return Optional.of(new CommandSocket(file, channel, handler));
        } catch (IOException | UnsupportedOperationException e) {
            log().warn("admin commands run in their own JVM: cannot listen on {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** How many lines this socket ran (not those it declined). */
    public long handled() {
        return handled.get();
    }

    private void accept() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread.ofVirtual().name("command-request").start(() -> serve(client));
            } catch (IOException | RuntimeException e) {
                if (channel.isOpen()) log().warn("admin socket: {}", e.toString());
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
            Request request;
            try (CommandWire.Deadline reading = new CommandWire.Deadline(client, REQUEST_PATIENCE)) {
                request = CommandWire.readRequest(in, client.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName());
            }
            if (!handler.accepts(request)) {
                out.writeInt(CommandWire.DECLINED);
                out.flush();
                return;
            }
            out.writeInt(CommandWire.ACCEPTED);
            out.flush(); // the client knows it runs here from now on; a client gone by now stops it here
            Reply reply = runner.submit(() -> handler.run(request)).get();
            handled.incrementAndGet();
            CommandWire.writeReply(out, reply);
        } catch (ExecutionException e) {
            log().warn("admin socket: a command failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log().warn("admin socket: {}", e.toString());
        }
    }

    /** Stops taking lines, waits (up to a minute) for those running, and removes the socket file. */
    @Override
    public void close() {
        try {
            channel.close();
            acceptor.join(Duration.ofSeconds(5));
            runner.shutdown();
            if (!runner.awaitTermination(DRAIN.toSeconds(), TimeUnit.SECONDS)) log().warn("admin socket: a command still runs at the stop");
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log().warn("admin socket: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
