package io.siamese.service.stream;

import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * How many commits the calling stream thread has made: Kafka Streams' own {@code commit-total} of the
 * thread ({@code stream-thread-metrics}, tagged with the thread's name), which counts every pass of its
 * poll loop that committed, whichever task asked and whether asked or on {@code commit.interval.ms}.
 * Processors are told nothing when their thread commits; {@link EagerCommits} reads this to know
 * whether results already forwarded still wait for a commit, so that it asks for none they do not need.
 */
final class ThreadCommits {

    static final String GROUP = "stream-thread-metrics";
    static final String NAME = "commit-total";
    static final String THREAD_TAG = "thread-id";

    private ThreadCommits() {}

    /**
     * The commit count of the thread this is called on (a task's {@code init}, on its stream thread), or
     * null where Kafka Streams keeps none for it (a processor tested outside a stream thread).
     */
    static LongSupplier of(ProcessorContext<?, ?> context) {
        String thread = Thread.currentThread().getName();
        for (Map.Entry<MetricName, ? extends Metric> e : context.metrics().metrics().entrySet()) {
            MetricName name = e.getKey();
            if (NAME.equals(name.name()) && GROUP.equals(name.group()) && thread.equals(name.tags().get(THREAD_TAG))) {
                Metric metric = e.getValue();
                return () -> ((Number) metric.metricValue()).longValue();
            }
        }
        return null;
    }
}
