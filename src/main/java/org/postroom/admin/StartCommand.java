package org.postroom.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code postroom start}: placeholder until the server is wired. */
@Command(name = "start", description = "Start Postroom in the foreground.")
public final class StartCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCodes.OK;
    }
}
