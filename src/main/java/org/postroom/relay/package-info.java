/**
 * Delivery attempts to the provider's smarthost(s), with failover in the configured order, for the queue's
 * runner ({@link org.postroom.queue.DeliveryAgent}), using {@code org.postroom.smtp.client}. Owns the meaning of
 * the smarthost's answers ({@code Outcomes}): delivered, deferred, failed, or a configuration problem that holds
 * the mail without bouncing it. Direct delivery to MX hosts is not built yet.
 *
 * <p>SECURITY: trusts {@code [relay]} in {@code postroom.toml}; never logs the password, never sends it outside
 * TLS (the configuration refuses a login with {@code tls = "none"}); believes the smarthost's certificate only as
 * {@code trust} says.
 */
package org.postroom.relay;
