package org.postroom.trace.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one running Postroom (never a static registry: two servers in one test JVM keep their own). Counters
 * live where the events happen ({@link MailCounters}, the login guard, the TLS handshake log, {@link CollectCounters});
 * gauges are read at scrape time. A source that fails is left out of that scrape and logged, never the whole page.
 */
public final class Metrics {
    private static final Logger log = LoggerFactory.getLogger(Metrics.class);

    private final MailCounters mail = new MailCounters();
    private final CollectCounters collect = new CollectCounters();
    private final List<MetricSource> sources = new CopyOnWriteArrayList<>();

    public Metrics() {
        sources.add(mail);
        sources.add(collect);
        sources.add(new JvmMetrics());
    }

    /** Messages per door and outcome. */
    public MailCounters mail() {
        return mail;
    }

    /** Collector cycles and errors per account. */
    public CollectCounters collect() {
        return collect;
    }

    public void add(MetricSource source) {
        sources.add(source);
    }

    /** Every source's families, in the text format. */
    public String scrape() {
        PrometheusText out = new PrometheusText();
        for (MetricSource source : sources) {
            PrometheusText part = new PrometheusText();
            try {
                source.writeTo(part);
            } catch (RuntimeException e) {
                log.warn("metrics: {} failed: {}", source.getClass().getSimpleName(), e.toString());
                continue;
            }
            out.append(part);
        }
        return out.toString();
    }
}
