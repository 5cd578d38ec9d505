package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/** The stream thread's commit count is read from Kafka Streams' metric of the calling thread, not another's. */
class ThreadCommitsTest {

    @Test
    void shouldCountTheCommitsOfTheCallingThreadOnly() {
        MockProcessorContext<byte[], Object> context = new MockProcessorContext<>();
        assertNull(ThreadCommits.of(context), "no stream thread, no count");
        Sensor other = commitSensor(context, "another-StreamThread-2");
        Sensor mine = commitSensor(context, Thread.currentThread().getName());

        LongSupplier commits = ThreadCommits.of(context);
        mine.record();
        mine.record();
        other.record();

        assertEquals(2, commits.getAsLong());
    }

    /** A thread's commit sensor as Kafka Streams registers it: commit-total in stream-thread-metrics. */
    private static Sensor commitSensor(MockProcessorContext<?, ?> context, String thread) {
        Sensor sensor = context.metrics().addSensor("commit-" + thread, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(ThreadCommits.NAME, ThreadCommits.GROUP, "The total number of calls to commit",
                Map.of(ThreadCommits.THREAD_TAG, thread)), new CumulativeCount());
        return sensor;
    }
}
