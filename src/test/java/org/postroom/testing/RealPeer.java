package org.postroom.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * A real peer a test drives (a Debian package: Dovecot, mbsync, promtool). Where it is missing the test is skipped
 * and says why, except under CI ({@code .ci/run} sets {@code CI=true} and installs every peer), where a missing peer
 * fails the test: CI never passes without the check having run.
 */
public final class RealPeer {
    private RealPeer() {}

    public static void require(boolean present, String what) {
        if (present) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(what + " is missing: .ci/run installs it");
        Assumptions.abort("skipped: " + what + " is missing");
    }
}
