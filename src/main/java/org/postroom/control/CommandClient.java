package org.postroom.control;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.postroom.files.OwnerOnly;

/** The command's side of the admin socket ({@link CommandSocket}): hands a line to the running server. */
public final class CommandClient {
    /** How long the server may take to say whether it runs the line: it reads and checks it, nothing more. */
    private static final Duration ACCEPT_PATIENCE = Duration.ofSeconds(10);

    private CommandClient() {}

    /** The server took the line but gave no whole answer: it may or may not have run. */
    public static final class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Hands {@code request} to the server listening on {@code file} and waits up to {@code patience} for it to run.
     * Empty when no server listens there (no file, or one a killed server left), when the socket is not one only we
     * could have made, or when the server declined or closed before accepting: the caller runs the line itself.
     *
     * @throws NoAnswer when the server accepted the line (or said nothing within {@link #ACCEPT_PATIENCE}) but gave
     *     no whole answer
     */
    public static Optional<CommandSocket.Reply> send(Path file, CommandSocket.Request request, Duration patience) throws NoAnswer {
        if (!ours(file)) return Optional.empty();
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(file));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // nobody listens: a server killed without removing its socket
        }
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            int status;
            CommandWire.Deadline accepting = new CommandWire.Deadline(channel, ACCEPT_PATIENCE);
            try (accepting) {
                CommandWire.writeRequest(out, request);
                status = in.readInt();
            } catch (IOException e) {
                if (accepting.passed()) throw new NoAnswer("the running server did not take the command within " + ACCEPT_PATIENCE.toSeconds()
                        + " s (POSTROOM_SOCKET=off runs it without the server)", e);
                return Optional.empty(); // gone before accepting: nothing ran there
            }
            if (status != CommandWire.ACCEPTED) return Optional.empty();
            CommandWire.Deadline running = new CommandWire.Deadline(channel, patience);
            try (running) {
                return Optional.of(CommandWire.readReply(in));
            } catch (IOException e) {
                throw new NoAnswer("the running server took the command but gave " + (running.passed() ? "no answer within " + patience.toMinutes()
                        + " min" : "no whole answer") + " (its log may say why)", e);
            }
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the exchange is over either way
        }
    }

    /**
     * Whether the socket's folder is ours (or we are root) and closed to everyone else, as the server makes it: a
     * socket someone else planted (a data folder in a shared directory) is not asked.
     */
    private static boolean ours(Path file) {
        try {
            Path folder = file.getParent();
            String me = System.getProperty("user.name", "");
            return (me.equals("root") || Files.getOwner(folder).getName().equals(me))
                    && OwnerOnly.isPrivateFolder(folder);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
