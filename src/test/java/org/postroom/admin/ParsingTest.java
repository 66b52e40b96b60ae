package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.postroom.Main;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Command lines parsed without running anything. */
class ParsingTest {

    private static Object parse(String... args) {
        ParseResult result = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        while (result.hasSubcommand()) result = result.subcommand();
        return result.commandSpec().userObject();
    }

    @Test
    void userAddOptions() {
        UserAddCommand add = (UserAddCommand) parse("user", "add", "bob@example.com", "--quota=1G", "--internal-only",
                "--name", "Bob B", "--data", "/srv/postroom", "--format", "JSON");
        assertThat(add.address).isEqualTo("bob@example.com");
        assertThat(add.quota).isEqualTo(1L << 30);
        assertThat(add.internalOnly).isTrue();
        assertThat(add.name).isEqualTo("Bob B");
        assertThat(add.passwordStdin).isFalse();
        assertThat(add.options.data()).isEqualTo(Path.of("/srv/postroom"));
        assertThat(add.options.format()).isEqualTo(DataOptions.Format.JSON);
    }

    /** Issue 10 item 4: internal-only is one meaning, in both commands' help: nothing to or from outside. */
    @Test
    void internalOnlyHelpSaysNoMailToOrFromOutside() {
        CommandLine user = new CommandLine(new Main()).getSubcommands().get("user");
        for (String command : new String[] {"add", "set"}) {
            String help = user.getSubcommands().get(command).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            assertThat(help).as(command).contains("No mail to or from outside the office").contains("gets no mail from outside senders");
        }
    }

    @Test
    void defaults() {
        UserAddCommand add = (UserAddCommand) parse("user", "add", "bob");
        assertThat(add.quota).isZero();
        assertThat(add.options.data()).isEqualTo(Path.of("data"));
        assertThat(add.options.format()).isEqualTo(DataOptions.Format.TEXT);
    }

    @Test
    void userSetLeavesWhatIsNotGivenUnset() {
        UserSetCommand set = (UserSetCommand) parse("user", "set", "bob", "--pop3", "false");
        assertThat(set.pop3).isFalse();
        assertThat(set.pop3OfficeOnly).isNull();
        assertThat(set.internalOnly).isNull();
        assertThat(set.quota).isNull();
        assertThat(set.name).isNull();
    }

    @Test
    void userRemoveMovesTheMailboxUnlessKeepMailAndReloadChecks() {
        assertThat(((UserRemoveCommand) parse("user", "remove", "gina")).keepMail).isFalse();
        assertThat(((UserRemoveCommand) parse("user", "remove", "gina", "--keep-mail")).keepMail).isTrue();
        assertThat(((ReloadCommand) parse("reload")).check).isFalse();
        assertThat(((ReloadCommand) parse("reload", "--check", "--data", "/srv/postroom")).check).isTrue();
    }

    @Test
    void listsOfAddresses() {
        GroupMemberAddCommand add = (GroupMemberAddCommand) parse("group", "member-add", "team@x.org", "a@x.org", "b@y.org");
        assertThat(add.group).isEqualTo("team@x.org");
        assertThat(add.members).containsExactly("a@x.org", "b@y.org");
        AliasRemoveCommand remove = (AliasRemoveCommand) parse("alias", "remove", "sales@x.org");
        assertThat(remove.targets).isEmpty();
    }

    @Test
    void catchAllTakesATargetOrNone() {
        DomainCatchAllCommand show = (DomainCatchAllCommand) parse("domain", "catch-all", "x.org");
        assertThat(show.target).isNull();
        assertThat(show.none).isFalse();
        DomainCatchAllCommand set = (DomainCatchAllCommand) parse("domain", "catch-all", "x.org", "pm@x.org");
        assertThat(set.target).isEqualTo("pm@x.org");
        assertThat(((DomainCatchAllCommand) parse("domain", "catch-all", "--none", "x.org")).none).isTrue();
        assertThatThrownBy(() -> parse("domain", "catch-all", "x.org", "a@x.org", "b@x.org"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void sizes() {
        assertThat(Sizes.parse("0")).isZero();
        assertThat(Sizes.parse("unlimited")).isZero();
        assertThat(Sizes.parse("1000")).isEqualTo(1000);
        assertThat(Sizes.parse("500k")).isEqualTo(500 * 1024);
        assertThat(Sizes.parse("100MB")).isEqualTo(100L << 20);
        assertThat(Sizes.parse("3T")).isEqualTo(3L << 40);
        assertThatThrownBy(() -> Sizes.parse("-1")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> Sizes.parse("1.5G")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> Sizes.parse("M")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> Sizes.parse("999999999999999T")).isInstanceOf(CommandLine.TypeConversionException.class);

        assertThat(Sizes.format(0)).isEqualTo("unlimited");
        assertThat(Sizes.format(1000)).isEqualTo("1000");
        assertThat(Sizes.format(1536 * 1024)).isEqualTo("1536K");
        assertThat(Sizes.format(100L << 20)).isEqualTo("100M");
        assertThat(Sizes.format(2L << 30)).isEqualTo("2G");
    }
}
