package org.postroom.queue;

import java.time.Duration;
import java.time.Instant;
import org.postroom.config.QueueSettings;

/**
 * When to try again, when to give up, and when to tell the sender that a message is late. The waits double from
 * {@code firstRetry} up to {@code maxInterval} (5, 10, 20, 40, 60, 60 ... minutes by default): RFC 5321 4.5.4.1
 * asks for at least 30 minutes between tries to one destination, but a smarthost that was down for a moment
 * deserves a quicker second try, and the provider's smarthost is the only destination. Times come from the
 * caller, so tests move a clock instead of sleeping.
 */
public record RetrySchedule(Duration firstRetry, Duration maxInterval, Duration lifetime, Duration delayNotice) {

    public static RetrySchedule of(QueueSettings settings) {
        return new RetrySchedule(settings.firstRetry(), settings.maxRetryInterval(), settings.lifetime(), settings.delayNotice());
    }

    /** When to try again after the {@code attempts}-th attempt (counting from 1) failed at {@code now}. */
    public Instant nextAttempt(Instant now, int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxInterval) < 0; i++) wait = wait.multipliedBy(2);
        return now.plus(wait.compareTo(maxInterval) > 0 ? maxInterval : wait);
    }

    /** Past its lifetime: the next failed attempt returns the message to its sender. */
    public boolean expired(Instant created, Instant now) {
        return !now.isBefore(giveUpAt(created));
    }

    public Instant giveUpAt(Instant created) {
        return created.plus(lifetime);
    }

    /** Late enough that the sender should hear that it is still on its way (once). */
    public boolean delayNoticeDue(Instant created, Instant now) {
        return !delayNotice.isZero() && !now.isBefore(created.plus(delayNotice));
    }
}
