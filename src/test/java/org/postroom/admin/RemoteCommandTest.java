package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.control.CommandClient;
import org.postroom.control.CommandSocket;
import org.postroom.testing.OtherProcessLock;
import org.postroom.testing.TestPostroom;

/**
 * Issue 14's fast CLI: a line the running server may run goes through its {@link CommandSocket} and comes back as the
 * command would have printed it in its own JVM; anything else, or no server, and the caller runs it itself.
 */
class RemoteCommandTest {
    @TempDir
    Path dir;

    private TestPostroom postroom;
    private Path data;
    private CommandSocket socket;

    @BeforeEach
    void start() {
        data = dir.resolve("data");
        postroom = TestPostroom.start(data);
        postroom.addUser("alice");
        socket = CommandSocket.open(data, RemoteCommand.handler(data)).orElseThrow();
    }

    @AfterEach
    void stop() {
        if (socket != null) socket.close();
        postroom.close();
    }

    record Answer(OptionalInt code, String out, String err) {}

    private static Answer inServer(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt code = RemoteCommand.tryInServer(List.of(args), environment::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Answer(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Answer inServer(String... args) {
        return inServer(Map.of(), args);
    }

    @Test
    void aLineTheServerRunsPrintsWhatTheCommandPrintsInItsOwnJvm() {
        for (String[] line : new String[][] {
                {"user", "list", "--data", data.toString()},
                {"user", "list", "--format", "json", "--data=" + data},
                {"user", "show", "ghost@office.test", "--data", data.toString()}, // a refusal: stderr and exit code 67
                {"user", "list", "--bogus", "--data", data.toString()}}) { // a usage error: picocli's message, 64
            Cli.Result own = Cli.run(line);
            Answer remote = inServer(line);
            assertThat(remote.code()).as(String.join(" ", line)).hasValue(own.code());
            assertThat(remote.out()).isEqualTo(own.out());
            assertThat(remote.err()).isEqualTo(own.err());
        }
        assertThat(socket.handled()).isEqualTo(4);
        assertThat(Cli.run("user", "show", "ghost@office.test", "--data", data.toString()).code()).isEqualTo(ExitCodes.NO_SUCH);
    }

    @Test
    void aChangeMadeThroughTheServerIsInTheDirectory() {
        assertThat(inServer("alias", "add", "info@office.test", "alice@office.test", "--data", data.toString()).code()).hasValue(0);
        assertThat(Cli.run("alias", "list", "--data", data.toString()).out()).contains("info@office.test");
    }

    @Test
    void theDataFolderComesFromPostroomDataWithoutDataOption() {
        Answer answer = inServer(Map.of("POSTROOM_DATA", data.toString()), "user", "list");
        assertThat(answer.code()).hasValue(0);
        assertThat(answer.out()).contains("alice@office.test");
    }

    @Test
    void linesTheServerMayNotRunAreLeftToTheCaller() {
        assertThat(inServer("user", "add", "bob@office.test", "--password-stdin", "--data", data.toString()).code()).isEmpty();
        assertThat(inServer("collect", "now", "--data", data.toString()).code()).isEmpty();
        assertThat(inServer("start", "--data", data.toString()).code()).isEmpty();
        assertThat(inServer("user", "list", "--data", data.toString(), "--", "x").code()).isEmpty();
        assertThat(inServer("user", "list", "--data", data.toString(), "--data", data.toString()).code()).as("twice: picocli's to refuse").isEmpty();
        assertThat(inServer(Map.of("POSTROOM_SOCKET", "off"), "user", "list", "--data", data.toString()).code()).isEmpty();
        assertThat(socket.handled()).isZero();
    }

    @Test
    void anotherDataFolderIsNotThisServers() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        assertThat(inServer("user", "list", "--data", other.toString()).code()).as("no socket there").isEmpty();
        // A request that names another folder on this server's socket is declined, not run on this server's data.
        assertThat(send(other, "user", "list")).isEmpty();
        assertThat(socket.handled()).isZero();
    }

    @Test
    void theServerChecksTheLineAgain() throws Exception {
        assertThat(send(data, "user", "add", "bob@office.test", "--password-stdin")).isEmpty();
        assertThat(send(data, "start")).isEmpty();
        assertThat(socket.handled()).isZero();
    }

    private static Optional<CommandSocket.Reply> send(Path folder, String... args) throws Exception {
        var request = new CommandSocket.Request(folder, List.of(args), StandardCharsets.UTF_8, StandardCharsets.UTF_8, ZoneId.of("UTC"), "");
        return CommandClient.send(CommandSocket.fileIn(folder), request, Duration.ofSeconds(30));
    }

    @Test
    void aCollectCommandTheServerRunsLeavesTheServersLocksHeld() throws Exception {
        Answer answer = inServer("collect", "status", "--data", data.toString());
        assertThat(answer.code()).as(answer.err()).hasValue(0);
        assertThat(socket.handled()).isEqualTo(1);
        // it asked for the collect lock in the JVM that holds it, and was told "held" (ProcessLock) without freeing it
        assertThat(OtherProcessLock.canTake(data.resolve("collect").resolve("collect.lock"))).isFalse();
    }

    @Test
    void aSocketFileWithNoServerBehindItIsNoServer() throws Exception {
        socket.close();
        socket = null;
        Path file = CommandSocket.fileIn(data);
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(file)); // as a server killed with -9 leaves it
        }
        assertThat(file).exists();
        assertThat(inServer("user", "list", "--data", data.toString()).code()).isEmpty();
    }

    @Test
    void aServerThatTakesTheLineButFailsSaysSoWithTempfail() throws Exception {
        socket.close();
        socket = CommandSocket.open(data, new CommandSocket.Handler() {
            @Override
            public boolean accepts(CommandSocket.Request request) {
                return true;
            }

            @Override
            public CommandSocket.Reply run(CommandSocket.Request request) {
                throw new IllegalStateException("broken");
            }
        }).orElseThrow();
        Answer answer = inServer("user", "list", "--data", data.toString());
        assertThat(answer.code()).hasValue(ExitCodes.TEMPFAIL);
        assertThat(answer.err()).startsWith("postroom user list: the running server took the command but gave no whole answer");
        assertThat(Cli.run("user", "list", "--data", data.toString()).code()).as("the server's data untouched").isZero();
    }

    @Test
    void onlyTheOwnerMayEnterTheSocketsFolder() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CommandSocket.fileIn(data).getParent()))).isEqualTo("rwx------");
        socket.close();
        assertThat(CommandSocket.fileIn(data)).as("removed at close").doesNotExist();
        socket = null;
    }

    @Test
    void aCommandInItsOwnProcessGoesThroughTheServer() throws Exception {
        Cli.Result child = CliProcess.run("user", "list", "--data", data.toString());
        assertThat(child.code()).as(child.toString()).isZero();
        assertThat(child.out()).contains("alice@office.test");
        assertThat(socket.handled()).isEqualTo(1);
    }

    @Test
    void theWordsOfALineDecide() {
        assertThat(RemoteCommand.inServer(List.of("collect", "account", "list"))).isTrue();
        assertThat(RemoteCommand.inServer(List.of("collect", "account", "add", "x"))).isFalse();
        assertThat(RemoteCommand.inServer(List.of("trace", "alice@office.test", "--since", "2d"))).isTrue();
        assertThat(RemoteCommand.inServer(List.of("collect", "acme", "--dry-run"))).isFalse();
        assertThat(RemoteCommand.inServer(List.of("--version"))).isFalse();
        assertThat(RemoteCommand.inServer(List.of("user", "list", "--help"))).as("help: colours on a terminal").isFalse();
        assertThat(RemoteCommand.withAbsoluteData(List.of("user", "list", "--data", "rel", "--format=json"), Path.of("/abs")))
                .containsExactly("user", "list", "--data", "/abs", "--format=json");
        assertThat(RemoteCommand.withAbsoluteData(List.of("user", "set", "bob", "--name", "--data=rel"), Path.of("/abs")))
                .as("an option missing its value stays last").containsExactly("user", "set", "bob", "--data", "/abs", "--name");
    }
}
