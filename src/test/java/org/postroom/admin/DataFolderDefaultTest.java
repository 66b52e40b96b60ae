package org.postroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The installed `postroom` command (packaging/postroom) sets POSTROOM_DATA=/var/lib/postroom so that admin commands
 * and `start` find the service's data folder without --data; from a source checkout the default stays ./data.
 * (picocli reads ${POSTROOM_DATA} as a system property first, then the environment: the test sets the property.)
 */
class DataFolderDefaultTest {

    @AfterEach
    void clear() {
        System.clearProperty("POSTROOM_DATA");
    }

    @Test
    void withoutPostroomDataTheDefaultIsDataInTheCurrentFolder() {
        assertThat(parsedStart().data).isEqualTo(Path.of("data"));
        assertThat(parsedUserList().options.data()).isEqualTo(Path.of("data"));
    }

    @Test
    void postroomDataMovesTheDefaultOfStartAndOfTheAdminCommands() {
        System.setProperty("POSTROOM_DATA", "/var/lib/postroom");
        assertThat(parsedStart().data).isEqualTo(Path.of("/var/lib/postroom"));
        assertThat(parsedUserList().options.data()).isEqualTo(Path.of("/var/lib/postroom"));
    }

    @Test
    void anExplicitDataOptionStillWins() {
        System.setProperty("POSTROOM_DATA", "/var/lib/postroom");
        StartCommand start = new StartCommand();
        new CommandLine(start).parseArgs("--data", "/srv/mail");
        assertThat(start.data).isEqualTo(Path.of("/srv/mail"));
    }

    private static StartCommand parsedStart() {
        StartCommand start = new StartCommand();
        new CommandLine(start).parseArgs();
        return start;
    }

    private static UserListCommand parsedUserList() {
        UserListCommand list = new UserListCommand();
        new CommandLine(list).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(); // as Main does
        return list;
    }
}
