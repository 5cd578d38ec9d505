package io.siamese.cli.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
    void shouldStayWithinATenthOfAPercentForLargeValues() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long v = 1; v <= 100_000; v++) {
            recorder.record(v);
        }

        long p99 = recorder.percentile(99);
        assertTrue(p99 >= 99_000 && p99 <= 99_000 * 1.001, "p99 was " + p99);
        long p50 = recorder.percentile(50);
        assertTrue(p50 >= 50_000 && p50 <= 50_000 * 1.001, "p50 was " + p50);
    }

    @Test
    void shouldNeverReportMoreThanTheLargestValueItsPrecisionAllows() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1_000);
        assertEquals(1_000, recorder.percentile(99.9), "exact below 2048 ms");

        recorder.record(123_456);
        long top = recorder.percentile(100);
        assertEquals(recorder.snapshot().max(), top);
        assertTrue(top >= 123_456 && top <= 123_456 * 1.001, "p100 was " + top);
    }

    @Test
    void shouldClampValuesOutsideTheTrackableRangeInsteadOfThrowing() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(Long.MAX_VALUE);
        recorder.record(LatencyRecorder.HIGHEST_TRACKABLE_MILLIS + 1);
        recorder.record(-7);

        LatencyRecorder.Snapshot snapshot = recorder.snapshot();
        assertEquals(3, snapshot.count());
        assertEquals(0, snapshot.min(), "negative latencies are recorded as 0");
        long hour = LatencyRecorder.HIGHEST_TRACKABLE_MILLIS;
        assertTrue(snapshot.max() >= hour && snapshot.max() <= hour * 1.001, "max was " + snapshot.max());
    }

    @Test
    void shouldKeepEarlierValuesAcrossReads() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(5);
        assertEquals(5, recorder.snapshot().max());

        recorder.record(7);
        recorder.record(9);

        assertEquals(3, recorder.count());
        assertEquals(new LatencyRecorder.Snapshot(3, 5, 9, 7.0, 7, 9, 9, 9), recorder.snapshot());
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
    void shouldLoseNoValuesWhileThreadsRecordAndAnotherReads() throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            Future<Long> reader = pool.submit(() -> {
                long reads = 0;
                while (writing.get()) {
                    LatencyRecorder.Snapshot s = recorder.snapshot();
                    assertTrue(s.p50() <= s.p99() && s.p99() <= s.max(), s.toString());
                    reads++;
                }
                return reads;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        recorder.record(i % 100);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            assertTrue(reader.get() > 0);
        } finally {
            pool.shutdown();
        }

        assertEquals(40_000, recorder.count());
        assertEquals(40_000, recorder.snapshot().count());
        assertEquals(99, recorder.percentile(100));
    }
}
