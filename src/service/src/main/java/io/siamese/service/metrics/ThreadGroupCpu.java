package io.siamese.service.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * CPU time of the process's Java threads by what they do ({@code siamese_thread_cpu_seconds_total{group}}),
 * read from the JVM when scraped: Kafka Streams' stream threads (polling, processing, commits and
 * transactions), the producers' network threads, the image decoders, the inference threads, and the
 * rest. The JIT compiler, the garbage collector and PyTorch's own worker threads are not Java threads:
 * they are the process's CPU ({@code process_cpu_time_ns_total}) minus these. A thread's CPU leaves the
 * sum when the thread ends, so compare two scrapes of a steady service, as {@code bench stream} does.
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

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadGroupCpu() {}

    static void register(MeterRegistry registry) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return;
        }
        for (Group g : Group.values()) {
            FunctionCounter.builder("siamese.thread.cpu", g, ThreadGroupCpu::seconds).baseUnit("seconds")
                    .description("CPU time of the live Java threads of a group")
                    .tag("group", g.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    /** Seconds of CPU used so far by the live threads of {@code group}. */
    static double seconds(Group group) {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long nanos = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && Group.of(infos[i].getThreadName()) == group) {
                nanos += Math.max(0, THREADS.getThreadCpuTime(ids[i]));
            }
        }
        return nanos / 1e9;
    }
}
