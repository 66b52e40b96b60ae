package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.config.AddressRules;
import org.postroom.directory.Database;
import org.postroom.directory.Directory;
import org.postroom.directory.Resolution;
import org.postroom.message.MailAddress;

/** The administrator's commands end to end: command line in, exit code, stdout and stderr out, a real database. */
class CliTest {

    @TempDir
    Path data;

    String dataArg;
    Database db;
    Directory dir;

    @BeforeEach
    void setUp() {
        // What `postroom start` does on first start; the CLI itself never creates a database.
        db = Database.open(Database.fileIn(data));
        dir = new Directory(db, AddressRules.DEFAULT);
        dataArg = "--data=" + data;
        assertOk(Cli.run("domain", "add", dataArg, "example.com"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static Cli.Result assertOk(Cli.Result result) {
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result;
    }

    private static void assertFails(Cli.Result result, int code, String errPart) {
        assertThat(result.code()).as(result.toString()).isEqualTo(code);
        assertThat(result.err()).as(result.toString()).contains(errPart);
        assertThat(result.out()).as(result.toString()).isEmpty();
    }

    private Cli.Result addUser(String address, String password, String... options) {
        String[] args = new String[4 + options.length];
        args[0] = "user";
        args[1] = "add";
        args[2] = dataArg;
        args[3] = "--password-stdin";
        System.arraycopy(options, 0, args, 4, options.length);
        String[] withAddress = java.util.Arrays.copyOf(args, args.length + 1);
        withAddress[args.length] = address;
        return Cli.runWithInput(password + "\n", withAddress);
    }

    private static MailAddress a(String s) {
        return MailAddress.parse(s);
    }

    @Test
    void userAddReadsThePasswordFromStdinAndAnswersInJson() {
        JsonNode user = assertOk(addUser("Alice@example.com", "open sesame", "--name", "Alice Smith", "--quota", "100M",
                "--internal-only", "--format", "json")).json();

        assertThat(user.get("address").asText()).isEqualTo("Alice@example.com");
        assertThat(user.get("name").asText()).isEqualTo("Alice Smith");
        assertThat(user.get("quotaBytes").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(user.get("internalOnly").asBoolean()).isTrue();
        assertThat(user.get("enabled").asBoolean()).isTrue();
        assertThat(user.get("pop3Allowed").asBoolean()).isTrue();
        assertThat(dir.authenticate("alice@example.com", "open sesame".toCharArray())).isPresent();
        assertThat(dir.authenticate("alice@example.com", "open sesame\n".toCharArray())).isEmpty();
    }

    @Test
    void aWindowsLineEndingIsNotPartOfThePassword() {
        assertOk(Cli.runWithInput("pw\r\n", "user", "add", dataArg, "--password-stdin", "bob@example.com"));
        assertThat(dir.authenticate("bob", "pw".toCharArray())).isPresent();
    }

    @Test
    void noPasswordHashIsEverPrinted() {
        addUser("alice@example.com", "pw");
        for (String[] args : List.of(new String[] {"user", "list"}, new String[] {"user", "show", "alice"})) {
            for (String format : List.of("text", "json")) {
                String[] full = java.util.Arrays.copyOf(args, args.length + 2);
                full[args.length] = dataArg;
                full[args.length + 1] = "--format=" + format;
                Cli.Result result = assertOk(Cli.run(full));
                assertThat(result.out()).doesNotContain("argon2").doesNotContain("$").doesNotContainIgnoringCase("hash");
            }
        }
    }

    @Test
    void aBareNameTakesTheOnlyLocalDomain() {
        assertThat(assertOk(addUser("carol", "pw", "--format=json")).json().get("address").asText()).isEqualTo("carol@example.com");
        JsonNode alias = assertOk(Cli.run("alias", "add", dataArg, "sales", "carol", "--format=json")).json();
        assertThat(alias.get("address").asText()).isEqualTo("sales@example.com");
        assertThat(texts(alias.get("targets"))).containsExactly("carol@example.com");
        assertOk(Cli.run("domain", "add", dataArg, "branch.example"));
        assertFails(addUser("dave", "pw"), ExitCodes.USAGE, "2 local domains");
        assertFails(Cli.run("group", "add", dataArg, "team"), ExitCodes.USAGE, "2 local domains");
        // A login names one user across all domains, so it still works for commands about an existing user.
        assertOk(Cli.run("user", "disable", dataArg, "carol"));
    }

    @Test
    void refusalsHaveTheirExitCodes() {
        addUser("alice@example.com", "pw");
        assertFails(addUser("ALICE@example.com", "pw"), ExitCodes.CONFLICT, "already a user");
        assertFails(addUser("bob@example.org", "pw"), ExitCodes.NO_SUCH, "example.org is not a local domain");
        assertFails(addUser("bob@example.com", ""), ExitCodes.USAGE, "password is empty");
        assertFails(Cli.run("user", "add", dataArg, "--password-stdin", "bob@example.com"), ExitCodes.USAGE, "no password on standard input");
        assertFails(addUser("not an address@", "pw"), ExitCodes.USAGE, "is not an address");
        assertFails(Cli.run("user", "show", dataArg, "nobody@example.com"), ExitCodes.NO_SUCH, "no user nobody@example.com");
        assertFails(Cli.run("user", "show", dataArg, "nobody"), ExitCodes.NO_SUCH, "no user 'nobody'");
        assertFails(Cli.run("user", "remove", dataArg, "nobody@example.com"), ExitCodes.NO_SUCH, "nobody@example.com");
        assertFails(Cli.run("user", "add", dataArg, "--quota", "lots", "x@example.com"), ExitCodes.USAGE, "not a size");
        assertFails(Cli.run("user", "add", dataArg, "--frobnicate", "x@example.com"), ExitCodes.USAGE, "--frobnicate");
        assertFails(Cli.run("user", dataArg), ExitCodes.USAGE, "");
        assertFails(Cli.run("user"), ExitCodes.USAGE, "Missing required subcommand");
        assertFails(Cli.run("user", "set", dataArg, "alice"), ExitCodes.USAGE, "nothing to change");
    }

    @Test
    void withoutATerminalOrStdinThereIsNoWayToAskForAPassword() {
        // The test JVM has no terminal: the command must say what to do instead, not hang or crash.
        assertFails(Cli.run("user", "add", dataArg, "alice@example.com"), ExitCodes.USAGE, "--password-stdin");
        assertThat(dir.users()).isEmpty();
    }

    @Test
    void aMissingDataFolderOrDatabaseIsUnavailableAndNothingIsCreated() {
        Path missing = data.resolve("not-here");
        assertFails(Cli.run("user", "list", "--data", missing.toString()), ExitCodes.UNAVAILABLE, "no data folder");
        assertThat(missing).doesNotExist();

        Path empty = data.resolve("empty");
        assertThat(empty.toFile().mkdir()).isTrue();
        assertFails(Cli.run("domain", "list", "--data", empty.toString()), ExitCodes.UNAVAILABLE, "no database");
        assertThat(Files.exists(Database.fileIn(empty))).isFalse();
    }

    @Test
    void userListIsAnAlignedTable() {
        addUser("alice@example.com", "pw", "--name", "Alice");
        addUser("bartholomew@example.com", "pw", "--quota", "1536K");
        List<String> lines = assertOk(Cli.run("user", "list", dataArg)).out().lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ADDRESS").contains("NAME", "STATUS", "QUOTA");
        int nameColumn = lines.get(0).indexOf("NAME");
        assertThat(lines.get(1).indexOf("Alice")).isEqualTo(nameColumn);
        int quotaColumn = lines.get(0).indexOf("QUOTA");
        assertThat(lines.get(1).substring(quotaColumn)).startsWith("unlimited");
        assertThat(lines.get(2).substring(quotaColumn)).startsWith("1536K");
    }

    @Test
    void userCommandsChangeTheUser() {
        addUser("alice@example.com", "old");
        assertOk(Cli.runWithInput("new\n", "user", "passwd", dataArg, "--password-stdin", "alice"));
        assertThat(dir.authenticate("alice", "new".toCharArray())).isPresent();
        assertThat(dir.authenticate("alice", "old".toCharArray())).isEmpty();

        assertThat(assertOk(Cli.run("user", "disable", dataArg, "alice@EXAMPLE.com", "--format=json")).json().get("enabled").asBoolean()).isFalse();
        assertThat(dir.resolve(a("alice@example.com"))).isInstanceOf(Resolution.Disabled.class);
        assertOk(Cli.run("user", "enable", dataArg, "alice"));
        assertThat(dir.resolve(a("alice@example.com"))).isInstanceOf(Resolution.Deliver.class);

        JsonNode set = assertOk(Cli.run("user", "set", dataArg, "alice", "--quota", "2G", "--pop3", "false",
                "--internal-only", "true", "--name", "A. Person", "--format", "json")).json();
        assertThat(set.get("quotaBytes").asLong()).isEqualTo(2L << 30);
        assertThat(set.get("pop3Allowed").asBoolean()).isFalse();
        assertThat(set.get("internalOnly").asBoolean()).isTrue();
        assertThat(set.get("name").asText()).isEqualTo("A. Person");
        assertThat(set.get("pop3OfficeOnly").asBoolean()).isFalse();

        JsonNode office = assertOk(Cli.run("user", "set", dataArg, "alice", "--pop3", "true", "--pop3-office-only", "true",
                "--format", "json")).json();
        assertThat(office.get("pop3Allowed").asBoolean()).isTrue();
        assertThat(office.get("pop3OfficeOnly").asBoolean()).isTrue();
        assertThat(dir.findUser(a("alice@example.com")).orElseThrow().pop3OfficeOnly()).isTrue();
        assertThat(assertOk(Cli.run("user", "show", dataArg, "alice")).out()).containsPattern("pop3: +office");
        assertThat(office.get("imapAllowed").asBoolean()).isTrue();
        assertThat(assertOk(Cli.run("user", "show", dataArg, "alice")).out()).containsPattern("imap: +yes");

        JsonNode imap = assertOk(Cli.run("user", "set", dataArg, "alice", "--imap-office-only", "true", "--format", "json")).json();
        assertThat(imap.get("imapAllowed").asBoolean()).isTrue();
        assertThat(imap.get("imapOfficeOnly").asBoolean()).isTrue();
        assertThat(assertOk(Cli.run("user", "show", dataArg, "alice")).out()).containsPattern("imap: +office");
        assertOk(Cli.run("user", "set", dataArg, "alice", "--imap", "false"));
        assertThat(dir.findUser(a("alice@example.com")).orElseThrow().imapAllowed()).isFalse();
        assertThat(assertOk(Cli.run("user", "list", dataArg)).out()).contains("IMAP").containsPattern("office +no");

        assertOk(Cli.run("user", "remove", dataArg, "alice@example.com"));
        assertThat(dir.users()).isEmpty();
    }

    @Test
    void userShowNamesTheGroupsAndAliasesOfTheUser() {
        addUser("alice@example.com", "pw");
        assertOk(Cli.run("group", "add", dataArg, "team@example.com", "alice@example.com"));
        assertOk(Cli.run("alias", "add", dataArg, "sales@example.com", "alice@example.com"));

        JsonNode shown = assertOk(Cli.run("user", "show", dataArg, "alice", "--format=json")).json();
        assertThat(shown.get("groups").get(0).asText()).isEqualTo("team@example.com");
        assertThat(shown.get("aliases").get(0).asText()).isEqualTo("sales@example.com");
        assertThat(assertOk(Cli.run("user", "show", dataArg, "alice")).out()).contains("groups:", "team@example.com");
    }

    @Test
    void aliasesAreAddedExtendedAndRemoved() {
        addUser("alice@example.com", "pw");
        addUser("bob@example.com", "pw");
        assertOk(Cli.run("alias", "add", dataArg, "sales@example.com", "alice@example.com", "partner@elsewhere.org"));
        JsonNode extended = assertOk(Cli.run("alias", "add", dataArg, "sales@example.com", "bob@example.com", "--format=json")).json();
        assertThat(texts(extended.get("targets"))).containsExactly("alice@example.com", "partner@elsewhere.org", "bob@example.com");

        Resolution.Deliver d = (Resolution.Deliver) dir.resolve(a("sales@example.com"));
        assertThat(d.users()).hasSize(2);
        assertThat(d.external()).containsExactly(a("partner@elsewhere.org"));

        assertFails(Cli.run("alias", "add", dataArg, "typo@example.com", "nobody@example.com"), ExitCodes.NO_SUCH, "nobody@example.com");
        assertFails(Cli.run("alias", "add", dataArg, "alice@example.com", "bob@example.com"), ExitCodes.CONFLICT, "already a user");
        assertFails(Cli.run("alias", "add", dataArg, "x@example.com"), ExitCodes.USAGE, "TARGET");

        assertOk(Cli.run("alias", "remove", dataArg, "sales@example.com", "partner@elsewhere.org"));
        JsonNode list = assertOk(Cli.run("alias", "list", dataArg, "--format=json")).json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(texts(list.get(0).get("targets"))).containsExactly("alice@example.com", "bob@example.com");
        assertThat(assertOk(Cli.run("alias", "list", dataArg)).out()).contains("sales@example.com  alice@example.com, bob@example.com");

        assertOk(Cli.run("alias", "remove", dataArg, "sales@example.com"));
        assertThat(dir.aliases()).isEmpty();
    }

    @Test
    void groupsAreManagedMemberByMember() {
        addUser("alice@example.com", "pw");
        addUser("bob@example.com", "pw");
        JsonNode added = assertOk(Cli.run("group", "add", dataArg, "--local-senders-only", "team@example.com",
                "alice@example.com", "--format=json")).json();
        assertThat(added.get("localSendersOnly").asBoolean()).isTrue();
        assertThat(texts(added.get("members"))).containsExactly("alice@example.com");

        assertOk(Cli.run("group", "member-add", dataArg, "team@example.com", "bob@example.com", "guest@elsewhere.org"));
        assertFails(Cli.run("group", "member-add", dataArg, "team@example.com", "carol@example.com"), ExitCodes.NO_SUCH, "carol@example.com");
        assertFails(Cli.run("group", "add", dataArg, "bad@example.com", "carol@example.com"), ExitCodes.NO_SUCH, "carol");
        assertThat(dir.findGroup(a("bad@example.com"))).as("refused as a whole").isEmpty();

        Resolution.Deliver d = (Resolution.Deliver) dir.resolve(a("team@example.com"));
        assertThat(d.users()).hasSize(2);
        assertThat(d.localSendersOnly()).isTrue();

        assertOk(Cli.run("group", "member-remove", dataArg, "team@example.com", "alice@example.com"));
        JsonNode shown = assertOk(Cli.run("group", "show", dataArg, "team@example.com", "--format=json")).json();
        assertThat(texts(shown.get("members"))).containsExactly("bob@example.com", "guest@elsewhere.org");
        assertThat(assertOk(Cli.run("group", "show", dataArg, "team@example.com")).out()).contains("  guest@elsewhere.org");
        assertThat(assertOk(Cli.run("group", "list", dataArg)).out().lines().toList())
                .containsExactly("GROUP             MEMBERS  LOCAL-SENDERS-ONLY", "team@example.com  2        yes");

        assertFails(Cli.run("group", "member-remove", dataArg, "team@example.com", "alice@example.com"), ExitCodes.NO_SUCH, "not a member");
        assertOk(Cli.run("group", "remove", dataArg, "team@example.com"));
        assertFails(Cli.run("group", "show", dataArg, "team@example.com"), ExitCodes.NO_SUCH, "no group");
    }

    @Test
    void domainsAndCatchAlls() {
        addUser("postmaster@example.com", "pw");
        assertOk(Cli.run("domain", "add", dataArg, "Branch.Example"));
        JsonNode domains = assertOk(Cli.run("domain", "list", dataArg, "--format", "json")).json();
        assertThat(StreamSupport.stream(domains.spliterator(), false).map(d -> d.get("name").asText()))
                .containsExactly("branch.example", "example.com");
        assertFails(Cli.run("domain", "add", dataArg, "example.com"), ExitCodes.CONFLICT, "exists");
        assertFails(Cli.run("domain", "add", dataArg, "[127.0.0.1]"), ExitCodes.USAGE, "not a domain");

        assertOk(Cli.run("domain", "catch-all", dataArg, "example.com", "postmaster@example.com"));
        assertThat(assertOk(Cli.run("domain", "catch-all", dataArg, "example.com")).out()).contains("postmaster@example.com");
        assertThat(dir.resolve(a("whoever@example.com"))).isInstanceOf(Resolution.Deliver.class);
        assertOk(Cli.run("domain", "catch-all", dataArg, "example.com", "--none"));
        assertThat(dir.resolve(a("whoever@example.com"))).isInstanceOf(Resolution.Unknown.class);
        assertFails(Cli.run("domain", "catch-all", dataArg, "example.com", "postmaster@example.com", "--none"), ExitCodes.USAGE, "not both");
        assertFails(Cli.run("domain", "catch-all", dataArg, "example.com", "nobody@example.com"), ExitCodes.NO_SUCH, "nobody@example.com");
        assertFails(Cli.run("domain", "catch-all", dataArg, "example.org", "--none"), ExitCodes.NO_SUCH, "no domain example.org");

        assertFails(Cli.run("domain", "remove", dataArg, "example.com"), ExitCodes.CONFLICT, "still has 1");
        assertOk(Cli.run("domain", "remove", dataArg, "branch.example"));
        assertFails(Cli.run("domain", "remove", dataArg, "branch.example"), ExitCodes.NO_SUCH, "no domain");
    }

    @Test
    void theCliWorksWhileTheServerHoldsTheDatabaseOpen() {
        // `dir` and its open connections stand for the running server.
        addUser("alice@example.com", "pw");
        assertThat(dir.resolve(a("alice@example.com"))).isInstanceOf(Resolution.Deliver.class);
        assertOk(Cli.run("user", "disable", dataArg, "alice@example.com"));
        assertThat(dir.resolve(a("alice@example.com"))).isInstanceOf(Resolution.Disabled.class);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
