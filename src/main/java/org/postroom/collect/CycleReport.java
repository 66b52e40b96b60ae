package org.postroom.collect;

import java.time.Instant;
import java.util.Optional;

/**
 * One account's last cycle, as {@code postroom collect status} shows it.
 *
 * @param messages messages at the provider when the cycle listed them
 * @param delivered messages delivered to at least one local user in this cycle
 * @param unresolved messages sent to the unresolved destination (postmaster, a named user, or held)
 * @param duplicates messages every recipient of which already had them
 * @param error why the cycle stopped early, if it did
 */
public record CycleReport(String account, Instant started, Instant finished, int messages, int delivered, int unresolved,
        int duplicates, Optional<String> error, Optional<Instant> next) {}
