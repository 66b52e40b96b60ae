package org.postroom.net;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.postroom.config.AuthSettings;

/**
 * Slows down and then locks out password guessing, per client address: each failure is answered only after a
 * delay, and after {@code maxFailures} failures the address is refused for {@code lockout}. A success clears
 * the count. Shared by every protocol, so guesses over SMTP and POP3 add up.
 */
public final class AuthThrottle {
    private final AuthSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<InetAddress, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil) {}

    public AuthThrottle(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public boolean isLockedOut(InetAddress client) {
        Failures f = failures.get(client);
        if (f == null || f.lockedUntil() == null) return false;
        if (clock.instant().isBefore(f.lockedUntil())) return true;
        failures.remove(client, f);
        return false;
    }

    /** Records a failure and returns whether the client is now locked out. */
    public boolean recordFailure(InetAddress client) {
        Failures updated = failures.merge(client, new Failures(1, null), (old, one) -> {
            int count = old.count() + 1;
            Instant until = count >= settings.maxFailures() ? clock.instant().plus(settings.lockout()) : null;
            return new Failures(count, until);
        });
        if (updated.count() >= settings.maxFailures() && updated.lockedUntil() == null) {
            failures.put(client, new Failures(updated.count(), clock.instant().plus(settings.lockout())));
        }
        return updated.count() >= settings.maxFailures();
    }

    public void recordSuccess(InetAddress client) {
        failures.remove(client);
    }

    /** How long a failed attempt waits before its answer. */
    public Duration failureDelay() {
        return settings.failureDelay();
    }
}
