package org.postroom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 14 (fast CLI): a line naming a top-level command gets only that command's branch under the same root, and one
 * naming a subcommand of it only that subcommand.
 */
class CommandTreeTest {
    @Test
    void aNamedCommandGetsOnlyItsBranchUnderTheSameRoot() {
        CommandLine line = CommandTree.forLine("user", "list", "--data", "x");
        assertThat(line.getCommandName()).isEqualTo("postroom");
        assertThat(line.getSubcommands().keySet()).containsExactly("user");
        CommandLine user = line.getSubcommands().get("user");
        assertThat(user.getSubcommands().keySet()).containsExactly("list");
        assertThat(user.getCommandSpec().exitCodeOnInvalidInput()).isEqualTo(org.postroom.admin.ExitCodes.USAGE);
        CommandLine list = user.getSubcommands().get("list");
        assertThat(list.getCommandSpec().qualifiedName()).isEqualTo("postroom user list");
        assertThat(list.isCaseInsensitiveEnumValuesAllowed()).as("set after the branch was added").isTrue();
    }

    @Test
    void aSubcommandKeepsItsOwnSubcommands() {
        CommandLine account = CommandTree.forLine("collect", "account", "list").getSubcommands().get("collect").getSubcommands().get("account");
        assertThat(account.getSubcommands()).containsKeys("list", "add", "remove");
    }

    @Test
    void aCommandAloneOrWithAnythingButASubcommandGetsItsWholeBranch() {
        int all = new CommandLine(new org.postroom.admin.UserCommand()).getSubcommands().size();
        assertThat(CommandTree.forLine("user").getSubcommands().get("user").getSubcommands()).hasSize(all);
        assertThat(CommandTree.forLine("user", "--help").getSubcommands().get("user").getSubcommands()).hasSize(all);
        assertThat(CommandTree.forLine("user", "lisst").getSubcommands().get("user").getSubcommands()).as("a typo").hasSize(all);
    }

    @Test
    void theVersionNeedsOnlyTheRoot() {
        assertThat(CommandTree.forLine("--version").getSubcommands()).isEmpty();
        assertThat(CommandTree.forLine("--version").getCommandSpec().version()).containsExactly(new Main.Version().getVersion());
    }

    @Test
    void anythingElseGetsTheWholeTree() {
        int all = new CommandLine(new Main()).getSubcommands().size();
        assertThat(CommandTree.forLine().getSubcommands()).hasSize(all);
        assertThat(CommandTree.forLine("--help").getSubcommands()).hasSize(all);
        assertThat(CommandTree.forLine("usr", "list").getSubcommands()).as("a typo: picocli's suggestions need all names").hasSize(all);
    }

    @Test
    void theVersionAndHelpOfTheRootStay() {
        assertThat(CommandTree.forLine("user").getCommandSpec().version()).containsExactly(new Main.Version().getVersion());
        assertThat(CommandTree.forLine("user").getCommandSpec().versionProvider()).isInstanceOf(Main.Version.class);
        assertThat(CommandTree.forLine("user").getCommandSpec().mixinStandardHelpOptions()).isTrue();
    }
}
