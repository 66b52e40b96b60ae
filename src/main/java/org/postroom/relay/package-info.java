/**
 * Delivery attempts for the queue's runner ({@link org.postroom.queue.DeliveryAgent}), using
 * {@code org.postroom.smtp.client}: to the provider's smarthost(s), with failover in the configured order
 * ({@code SmarthostRelay}), or, with {@code mx_delivery} and no smarthost, straight to each recipient domain's MX
 * hosts ({@code MxRelay}, {@code DnsMxResolver}). Owns the meaning of the remote answers ({@code Outcomes}):
 * delivered, deferred, failed, or a configuration problem that holds the mail without bouncing it.
 *
 * <p>SECURITY: trusts {@code [relay]} in {@code postroom.toml}; never logs the password, never sends it outside
 * TLS (the configuration refuses a login with {@code tls = "none"}); believes the smarthost's certificate only as
 * {@code trust} says.
 */
package org.postroom.relay;
