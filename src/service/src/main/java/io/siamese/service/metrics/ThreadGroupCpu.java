package io.siamese.service.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * CPU time of the process's Java threads by what they do ({@code siamese_thread_cpu_seconds_total{group}}),
 * read from the JVM when scraped: Kafka Streams' stream threads (polling, processing, commits and
 * transactions), the producers' network threads, the image decoders, the inference threads, and the
 * rest. The JIT compiler, the garbage collector and PyTorch's own worker threads are not Java threads:
 * they are the process's CPU ({@code process_cpu_time_ns_total}) minus these. A thread's CPU leaves the
 * sum when the thread ends, so compare two scrapes of a steady service, as {@code bench stream} does.
 *
 * <p>A scrape reads the five groups one after another; they share one walk over the threads (a snapshot reused
 * for {@link #SNAPSHOT_AGE_NANOS}), so a scrape costs one walk, not five.
 */
final class ThreadGroupCpu {

    /** The groups, by a part of the thread's name, tried in this order (a producer's thread names its stream thread). */
    enum Group {
        PRODUCER_IO("kafka-producer-network-thread"),
        STREAM("StreamThread"),
        DECODE("siamese-decode-"),
        INFERENCE("siamese-inference-"),
        OTHER(null);

        private final String namePart;

        Group(String namePart) {
            this.namePart = namePart;
        }

        static Group of(String threadName) {
            for (Group g : values()) {
                if (g.namePart != null && threadName.contains(g.namePart)) {
                    return g;
                }
            }
            return OTHER;
        }
    }

    /** How long one walk's sums answer later reads: well within a scrape, far below any scrape interval. */
    static final long SNAPSHOT_AGE_NANOS = 100_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Supplier<Map<Group, Long>> walk;
    private final LongSupplier nanoTime;
    private Map<Group, Long> snapshot;
    private long takenAt;

    /** @param walk CPU nanoseconds per group of the live threads; @param nanoTime a monotonic clock */
    ThreadGroupCpu(Supplier<Map<Group, Long>> walk, LongSupplier nanoTime) {
        this.walk = walk;
        this.nanoTime = nanoTime;
    }

    static void register(MeterRegistry registry) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return;
        }
        ThreadGroupCpu cpu = new ThreadGroupCpu(ThreadGroupCpu::walkThreads, System::nanoTime);
        for (Group g : Group.values()) {
            FunctionCounter.builder("siamese.thread.cpu", g, cpu::seconds).baseUnit("seconds")
                    .description("CPU time of the live Java threads of a group")
                    .tag("group", g.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    /** Seconds of CPU used so far by the live threads of {@code group}, from a snapshot at most a moment old. */
    synchronized double seconds(Group group) {
        long now = nanoTime.getAsLong();
        if (snapshot == null || now - takenAt > SNAPSHOT_AGE_NANOS) {
            snapshot = walk.get();
            takenAt = now;
        }
        return snapshot.getOrDefault(group, 0L) / 1e9;
    }

    private static Map<Group, Long> walkThreads() {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<Group, Long> nanos = new EnumMap<>(Group.class);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null) {
                nanos.merge(Group.of(infos[i].getThreadName()), Math.max(0, THREADS.getThreadCpuTime(ids[i])),
                        Long::sum);
            }
        }
        return nanos;
    }
}
