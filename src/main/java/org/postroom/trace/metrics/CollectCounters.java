package org.postroom.trace.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.postroom.collect.CycleReport;

/**
 * The collector's cycles per account: how many ran, how many stopped on an error (login refused, provider down,
 * disk full), and the messages they delivered, sent to the unresolved destination or dropped as duplicates. Fed by
 * {@code Collector.onCycle}.
 */
public final class CollectCounters implements MetricSource, Consumer<CycleReport> {
    private static final class Account {
        final LongAdder cycles = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder unresolved = new LongAdder();
        final LongAdder duplicates = new LongAdder();
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    @Override
    public void accept(CycleReport report) {
        Account a = accounts.computeIfAbsent(report.account(), n -> new Account());
        a.cycles.increment();
        if (report.error().isPresent()) a.errors.increment();
        a.delivered.add(report.delivered());
        a.unresolved.add(report.unresolved());
        a.duplicates.add(report.duplicates());
    }

    @Override
    public void writeTo(PrometheusText out) {
        Map<String, Account> sorted = new TreeMap<>(accounts);
        out.family("postroom_collect_cycles_total", PrometheusText.Type.COUNTER, "Collector cycles run, per account.");
        sorted.forEach((name, a) -> out.sample(a.cycles.sum(), "account", name));
        out.family("postroom_collect_cycle_errors_total", PrometheusText.Type.COUNTER,
                "Collector cycles that stopped on an error (login, connection, provider, disk), per account.");
        sorted.forEach((name, a) -> out.sample(a.errors.sum(), "account", name));
        out.family("postroom_collect_messages_total", PrometheusText.Type.COUNTER,
                "Messages the collector downloaded, per account and outcome.");
        sorted.forEach((name, a) -> {
            out.sample(a.delivered.sum(), "account", name, "outcome", "delivered");
            out.sample(a.unresolved.sum(), "account", name, "outcome", "unresolved");
            out.sample(a.duplicates.sum(), "account", name, "outcome", "duplicate");
        });
    }
}
