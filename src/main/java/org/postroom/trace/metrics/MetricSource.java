package org.postroom.trace.metrics;

/** One part of Postroom that has metrics: writes its families at each scrape. */
@FunctionalInterface
public interface MetricSource {
    void writeTo(PrometheusText out);
}
