package org.postroom.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether SIGHUP is ignored in this process, as {@code nohup} leaves it for everything started below it: the JVM then
 * installs no handler for it, and a server started from here is not reloaded by it.
 */
public final class HangupSignal {
    private HangupSignal() {}

    public static boolean ignoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) return new BigInteger(line.substring("SigIgn:".length()).strip(), 16).testBit(0); // bit 0: signal 1
        }
        return false;
    }
}
