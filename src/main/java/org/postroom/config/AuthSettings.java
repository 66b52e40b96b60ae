package org.postroom.config;

import java.time.Duration;

/**
 * {@code [auth]}: how logins are protected, for every protocol.
 *
 * @param plaintextFromLoopback allow AUTH/USER without TLS from 127.0.0.0/8 and ::1 (local tools, tests)
 * @param failureDelay how long a failed login waits before its answer
 * @param maxFailures failed logins of one login (from anywhere), or from one client address outside
 *     {@code [pop3] office_networks}, before that login or address is locked out
 * @param lockout how long a locked-out login or address is refused after its last failure; failures older than
 *     this no longer count
 */
public record AuthSettings(boolean plaintextFromLoopback, Duration failureDelay, int maxFailures, Duration lockout) {}
