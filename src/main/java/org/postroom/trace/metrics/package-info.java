/**
 * Postroom's metrics for Prometheus: counters of mail per door and outcome, logins and TLS handshakes that failed,
 * collector cycles per account; gauges of the queue and of the JVM; all written in the Prometheus text format
 * 0.0.4 by {@link org.postroom.trace.metrics.PrometheusText} and served at {@code /metrics} by
 * {@code org.postroom.web}. Trusts its sources (Postroom's own counters); label values come from configuration and
 * door names and are escaped anyway.
 */
package org.postroom.trace.metrics;
