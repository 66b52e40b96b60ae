package org.postroom.control;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What goes over the admin socket ({@link CommandSocket}, {@link CommandClient}). One exchange per connection:
 * <ol>
 *   <li>the client: {@code "PRC2"}, its data folder (absolute), the charsets of its stdout and stderr, its time zone, the
 *       argument count and the arguments (each {@link DataOutputStream#writeUTF});
 *   <li>the server, at once: {@link #DECLINED} (the client runs the line itself) or {@link #ACCEPTED} (it runs here);
 *   <li>after an {@code ACCEPTED}, once the line has run: the exit code, then stdout's and stderr's bytes (each a
 *       length and the bytes).
 * </ol>
 * Nothing has run before the {@code ACCEPTED}, so a client that gets no answer up to there may run the line itself;
 * after it, never.
 */
final class CommandWire {
    static final int MAGIC = 0x50524332; // "PRC2"
    static final int ACCEPTED = 0;
    static final int DECLINED = 1;
    private static final int MAX_ARGS = 1_000;

    private CommandWire() {}

    static void writeRequest(DataOutputStream out, CommandSocket.Request request) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(request.dataFolder().toString());
        out.writeUTF(request.stdout().name());
        out.writeUTF(request.stderr().name());
        out.writeUTF(request.zone().getId());
        out.writeInt(request.args().size());
        for (String arg : request.args()) out.writeUTF(arg);
        out.flush();
    }

    /** A request as the server reads it; {@code user} is who the kernel says is on the other end. */
    static CommandSocket.Request readRequest(DataInputStream in, String user) throws IOException {
        if (in.readInt() != MAGIC) throw new IOException("not a Postroom command");
        Path data = Path.of(in.readUTF());
        Charset stdout = Charset.forName(in.readUTF());
        Charset stderr = Charset.forName(in.readUTF());
        ZoneId zone = ZoneId.of(in.readUTF());
        int count = in.readInt();
        if (count < 0 || count > MAX_ARGS) throw new IOException("too many arguments: " + count);
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) args.add(in.readUTF());
        return new CommandSocket.Request(data, List.copyOf(args), stdout, stderr, zone, user);
    }

    static void writeReply(DataOutputStream out, CommandSocket.Reply reply) throws IOException {
        out.writeInt(reply.exitCode());
        writeBytes(out, reply.out());
        writeBytes(out, reply.err());
        out.flush();
    }

    static CommandSocket.Reply readReply(DataInputStream in) throws IOException {
        int exitCode = in.readInt();
        return new CommandSocket.Reply(exitCode, readBytes(in), readBytes(in));
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

    /** Closes a channel when its time is up, which ends a read blocked on it: a Unix socket channel has no read timeout. */
    static final class Deadline implements AutoCloseable {
        private final Thread watchdog;
        private volatile boolean passed;

        Deadline(Channel channel, Duration after) {
            watchdog = Thread.ofPlatform().daemon().name("command-deadline").start(() -> {
                try {
                    Thread.sleep(after);
                    passed = true;
                    channel.close();
                } catch (InterruptedException | IOException e) {
                    // done in time, or closed already
                }
            });
        }

        boolean passed() {
            return passed;
        }

        @Override
        public void close() {
            watchdog.interrupt();
        }
    }
}
