package io.siamese.encoder.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void shouldReportExactPercentilesForSmallValues() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long v = 1; v <= 50; v++) {
            recorder.record(v);
        }

        assertEquals(50, recorder.count());
        assertEquals(25, recorder.percentile(50));
        assertEquals(45, recorder.percentile(90));
        assertEquals(1, recorder.percentile(0));
        assertEquals(50, recorder.percentile(100));
    }

    @Test
    void shouldStayWithinThreePercentForLargeValues() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long v = 1; v <= 10_000; v++) {
            recorder.record(v);
        }

        long p99 = recorder.percentile(99);
        assertTrue(p99 >= 9_900 && p99 <= 9_900 * 1.035, "p99 was " + p99);
        long p50 = recorder.percentile(50);
        assertTrue(p50 >= 5_000 && p50 <= 5_000 * 1.035, "p50 was " + p50);
    }

    @Test
    void shouldNeverReportMoreThanTheLargestValue() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1_000);

        assertEquals(1_000, recorder.percentile(99.9));
    }

    @Test
    void shouldMapEveryBucketEdgeBackToItsOwnBucket() {
        for (int i = 0; i < 1_800; i++) {
            long edge = LatencyRecorder.upperEdge(i);
            assertEquals(i, LatencyRecorder.bucketOf(edge), "upper edge of bucket " + i);
            assertEquals(i + 1, LatencyRecorder.bucketOf(edge + 1), "value after bucket " + i);
        }
        assertEquals(Long.MAX_VALUE, LatencyRecorder.upperEdge(LatencyRecorder.bucketOf(Long.MAX_VALUE)));
    }

    @Test
    void shouldSummariseInASnapshot() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(10);
        recorder.record(20);
        recorder.record(-5);

        LatencyRecorder.Snapshot snapshot = recorder.snapshot();

        assertEquals(3, snapshot.count());
        assertEquals(0, snapshot.min(), "negative latencies are clamped to 0");
        assertEquals(20, snapshot.max());
        assertEquals(10.0, snapshot.mean(), 1e-12);
        assertEquals(10, snapshot.p50());
        assertEquals(20, snapshot.p999());
    }

    @Test
    void shouldReportZerosWhenEmpty() {
        LatencyRecorder recorder = new LatencyRecorder();

        assertEquals(0, recorder.percentile(99));
        assertEquals(new LatencyRecorder.Snapshot(0, 0, 0, 0.0, 0, 0, 0, 0), recorder.snapshot());
    }

    @Test
    void shouldRejectPercentilesOutsideZeroToHundred() {
        LatencyRecorder recorder = new LatencyRecorder();

        assertThrows(IllegalArgumentException.class, () -> recorder.percentile(101));
        assertThrows(IllegalArgumentException.class, () -> recorder.percentile(Double.NaN));
    }

    @Test
    void shouldLoseNoValuesUnderConcurrentRecording() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        recorder.record(i % 100);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(40_000, recorder.count());
        assertEquals(40_000, recorder.snapshot().count());
        assertEquals(99, recorder.percentile(100));
    }
}
