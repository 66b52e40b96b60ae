package org.postroom.control;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.postroom.files.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code data/run/admin/admin.sock}: a Unix socket on which the running server takes an admin command line and runs it in its
 * own JVM, where picocli, the configuration and the database are already loaded and open, and answers with the exit
 * code and what the command printed. A command then costs its client little more than a JVM's start (issue 14's fast
 * CLI); which lines may come this way, and how they run, is the {@link Handler}'s business, not this class's.
 *
 * <p>One request per connection: {@code "PRC1"}, the client's data folder (absolute), the charset of its stdout, the
 * argument count and the arguments (each {@link DataOutputStream#writeUTF}). One answer: {@code 1} (declined: the client
 * runs the line itself) or {@code 0}, the exit code, and stdout's and stderr's bytes (each a length and the bytes).
 *
 * <p>SECURITY: the socket is alone in a {@code 0700} folder of the data folder ({@code run/admin/}), so only the data
 * folder's owner (and root) can connect: the people who could run the command against the files directly anyway.
 */
public final class CommandSocket implements AutoCloseable {
    private static final int MAGIC = 0x50524331; // "PRC1"
    private static final int RAN = 0;
    private static final int DECLINED = 1;
    private static final int MAX_ARGS = 1_000;
    /** sun_path's size on Linux, with its terminating zero. */
    private static final int MAX_PATH_BYTES = 107;

    /** A command line from a client. */
    public record Request(Path dataFolder, Charset charset, List<String> args) {}

    /** What a command printed, and its exit code. */
    public record Reply(int exitCode, byte[] out, byte[] err) {}

    /** Runs a request in the server; empty declines it (the client then runs the line in its own JVM). */
    @FunctionalInterface
    public interface Handler {
        Optional<Reply> handle(Request request);
    }

    /** The server went away, or answered nonsense, after the line was sent: it may or may not have run. */
    public static final class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path file;
    private final ServerSocketChannel channel;
    private final Handler handler;
    private final AtomicLong handled = new AtomicLong();
    private final Thread acceptor;

    private CommandSocket(Path file, ServerSocketChannel channel, Handler handler) {
        this.file = file;
        this.channel = channel;
        this.handler = handler;
        this.acceptor = Thread.ofPlatform().name("command-socket").daemon().start(this::accept);
    }

    /** The server's logger; not a static field: the client side (a command's whole JVM) need not start logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(CommandSocket.class);
    }

    /** Where the socket of a data folder is: in a folder of its own, which only the owner may enter. */
    public static Path fileIn(Path dataFolder) {
        return dataFolder.toAbsolutePath().resolve("run").resolve("admin").resolve("admin.sock");
    }

    /**
     * Server side: listens on {@link #fileIn} of {@code dataFolder}, replacing a socket file a killed server left; empty
     * (logged) when the socket cannot be made, for instance when its path is too long for a Unix socket: commands then
     * run in their own JVM, as they always can.
     */
    public static Optional<CommandSocket> open(Path dataFolder, Handler handler) {
        Path file = fileIn(dataFolder);
        if (file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            log().info("admin commands run in their own JVM: {} is too long a path for a Unix socket", file);
            return Optional.empty();
        }
        try {
            OwnerOnly.createDirectories(file.getParent());
            // 0700 even when the folder was there: whoever can connect can run the commands
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(file); // only this server's lock holder gets here: a file left is a dead server's
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(file));
            return Optional.of(new CommandSocket(file, channel, handler));
        } catch (IOException | UnsupportedOperationException e) {
            log().warn("admin commands run in their own JVM: cannot listen on {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** How many requests this socket ran (not those it declined). */
    public long handled() {
        return handled.get();
    }

    private void accept() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                Thread.ofVirtual().name("command").start(() -> serve(client));
            } catch (IOException e) {
                if (channel.isOpen()) log().warn("admin socket: {}", e.toString());
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)))) {
            Request request = readRequest(in);
            Optional<Reply> reply = handler.handle(request);
            if (reply.isEmpty()) {
                out.writeInt(DECLINED);
            } else {
                handled.incrementAndGet();
                out.writeInt(RAN);
                out.writeInt(reply.get().exitCode());
                writeBytes(out, reply.get().out());
                writeBytes(out, reply.get().err());
            }
        } catch (IOException | RuntimeException e) {
            log().warn("admin socket: a command failed: {}", e.toString());
        }
    }

    private static Request readRequest(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) throw new IOException("not a Postroom command");
        Path data = Path.of(in.readUTF());
        Charset charset = Charset.forName(in.readUTF());
        int count = in.readInt();
        if (count < 0 || count > MAX_ARGS) throw new IOException("too many arguments: " + count);
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) args.add(in.readUTF());
        return new Request(data, charset, List.copyOf(args));
    }

    /**
     * Client side: hands {@code request} to the server listening on {@code file}. Empty when no server listens there
     * (no file, or one a killed server left) or when it declined: the caller runs the line itself.
     *
     * @throws NoAnswer when the server took the line but gave no whole answer within {@code patience}
     */
    public static Optional<Reply> send(Path file, Request request, Duration patience) throws NoAnswer {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(file));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // nobody listens: the usual case when the server is not running
        }
        // A Unix socket channel has no read timeout: a watchdog closes it, which ends a blocked read.
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(patience);
                channel.close();
            } catch (InterruptedException | IOException e) {
                // answered in time, or already closed
            }
        });
        try (channel;
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)))) {
            out.writeInt(MAGIC);
            out.writeUTF(request.dataFolder().toString());
            out.writeUTF(request.charset().name());
            out.writeInt(request.args().size());
            for (String arg : request.args()) out.writeUTF(arg);
            out.flush();
            int status = in.readInt();
            if (status == DECLINED) return Optional.empty();
            if (status != RAN) throw new IOException("unknown answer " + status);
            int exitCode = in.readInt();
            return Optional.of(new Reply(exitCode, readBytes(in), readBytes(in)));
        } catch (IOException e) {
            String why = e instanceof EOFException || !channel.isOpen() ? "no whole answer" : e.toString();
            throw new NoAnswer("the running server took the command but gave " + why + " (its log may say why)", e);
        } finally {
            watchdog.interrupt();
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) throw new IOException("negative length");
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) throw new EOFException();
        return bytes;
    }

    /** Stops listening and removes the socket file; commands in progress finish. */
    @Override
    public void close() {
        try {
            channel.close();
            acceptor.join(Duration.ofSeconds(5));
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log().warn("admin socket: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
