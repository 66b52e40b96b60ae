package org.postroom.config;

import java.time.Duration;

/**
 * {@code [auth]}: how logins are protected, for every protocol.
 *
 * @param plaintextFromLoopback allow AUTH/USER without TLS from 127.0.0.0/8 and ::1 (local tools, tests)
 * @param failureDelay how long a failed login waits before its answer
 * @param maxFailures failed logins from one client address before it is locked out
 * @param lockout how long a locked-out client address is refused
 */
public record AuthSettings(boolean plaintextFromLoopback, Duration failureDelay, int maxFailures, Duration lockout) {}
