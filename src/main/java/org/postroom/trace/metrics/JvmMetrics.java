package org.postroom.trace.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

/**
 * The JVM's heap and non-heap memory and its platform threads, read from the JDK's management beans at each scrape.
 * Virtual threads (one per connection) are not among them: the sessions are counted by the doors.
 */
final class JvmMetrics implements MetricSource {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

    @Override
    public void writeTo(PrometheusText out) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.family("postroom_jvm_memory_used_bytes", PrometheusText.Type.GAUGE, "JVM memory in use.");
        out.sample(heap.getUsed(), "area", "heap").sample(nonHeap.getUsed(), "area", "nonheap");
        out.family("postroom_jvm_memory_committed_bytes", PrometheusText.Type.GAUGE, "JVM memory the operating system has given.");
        out.sample(heap.getCommitted(), "area", "heap").sample(nonHeap.getCommitted(), "area", "nonheap");
        out.family("postroom_jvm_memory_max_bytes", PrometheusText.Type.GAUGE, "The most JVM memory that may be used (-1: no limit).");
        out.sample(heap.getMax(), "area", "heap").sample(nonHeap.getMax(), "area", "nonheap");
        out.family("postroom_jvm_threads", PrometheusText.Type.GAUGE, "Live platform threads of the JVM.");
        out.sample(threads.getThreadCount(), "kind", "all").sample(threads.getDaemonThreadCount(), "kind", "daemon");
        out.family("postroom_jvm_threads_peak", PrometheusText.Type.GAUGE, "The most live platform threads since the JVM started.");
        out.sample(threads.getPeakThreadCount());
        // when every counter started from zero: a scrape that sees it change knows Postroom restarted
        out.family("postroom_start_time_seconds", PrometheusText.Type.GAUGE, "When the process started, in seconds since the Unix epoch.");
        out.sample(startMillis / 1000.0);
    }
}
