package org.postroom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 14 (fast CLI): a line naming a top-level command gets only that command's branch, under the same root. */
class CommandTreeTest {
    @Test
    void aNamedCommandGetsOnlyItsBranchUnderTheSameRoot() {
        CommandLine line = CommandTree.forLine("user", "list", "--data", "x");
        assertThat(line.getCommandName()).isEqualTo("postroom");
        assertThat(line.getSubcommands().keySet()).containsExactly("user");
        CommandLine list = line.getSubcommands().get("user").getSubcommands().get("list");
        assertThat(list.getCommandSpec().qualifiedName()).isEqualTo("postroom user list");
        assertThat(list.isCaseInsensitiveEnumValuesAllowed()).as("set after the branch was added").isTrue();
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
