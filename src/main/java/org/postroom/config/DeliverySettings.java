package org.postroom.config;

/**
 * {@code [delivery]}: local delivery into the users' Maildirs.
 *
 * @param quotaExceeded whether a full mailbox is a temporary (452 4.2.2) or permanent (552 5.2.2) refusal
 */
public record DeliverySettings(QuotaMode quotaExceeded) {

    /** How a full mailbox is reported to the sender (RFC 3463 X.2.2). */
    public enum QuotaMode { TEMPORARY, PERMANENT }
}
