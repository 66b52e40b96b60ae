package org.postroom.config;

import java.time.Duration;

/**
 * {@code [queue]}: how long Postroom keeps trying to deliver outbound mail, and when it tells the sender.
 *
 * @param firstRetry the wait after the first failed attempt; each later wait doubles ...
 * @param maxRetryInterval ... up to this
 * @param lifetime a message still undelivered this long after it arrived is returned to its sender
 *     (RFC 5321 4.5.4.1: "at least 4-5 days")
 * @param delayNotice after this long undelivered, the sender gets one "delayed" notice (RFC 3464 Action: delayed);
 *     zero for none
 */
public record QueueSettings(Duration firstRetry, Duration maxRetryInterval, Duration lifetime, Duration delayNotice) {}
