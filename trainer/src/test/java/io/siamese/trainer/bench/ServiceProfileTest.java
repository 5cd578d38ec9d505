package io.siamese.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServiceProfileTest {

    private static final String SCRAPE = """
            # HELP kafka_stream_thread_process_ratio The fraction of time the thread spent on processing
            # TYPE kafka_stream_thread_process_ratio gauge
            kafka_stream_thread_process_ratio{thread_id="app-StreamThread-1"} 0.72
            kafka_stream_thread_commit_ratio{thread_id="app-StreamThread-1"} 0.125
            kafka_stream_thread_commit_latency_avg{thread_id="app-StreamThread-1"} NaN
            kafka_stream_thread_poll_ratio{thread_id="app-StreamThread-1"} 0.0
            siamese_batch_size_count 10.0
            siamese_batch_size_sum 500.0
            siamese_batch_inference_seconds_sum 0.4
            """;

    @Test
    void shouldReadTheStreamThreadRatiosAndTheBatchFigures() {
        ServiceProfile p = ServiceProfile.parse(SCRAPE);

        assertEquals(0.72, p.figures().get("process_ratio"));
        assertEquals(0.125, p.figures().get("commit_ratio"));
        assertFalse(p.figures().containsKey("commit_latency_avg"), "NaN is no figure");
        assertEquals(50.0, p.figures().get("mean_batch_size"));
        assertEquals(40.0, p.figures().get("inference_ms_per_batch"), 1e-9);
        assertTrue(p.describe().startsWith("stream thread: process 72%, punctuate ?, commit 13%"), p.describe());
    }

    @Test
    void shouldSaySoWhenTheServiceGaveNoMetrics() {
        assertEquals("no service metrics", ServiceProfile.parse("").describe());
    }
}
