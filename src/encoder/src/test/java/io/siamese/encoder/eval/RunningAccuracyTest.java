package io.siamese.encoder.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RunningAccuracyTest {

    @Test
    void shouldReportNotANumberBeforeAnythingIsRecorded() {
        RunningAccuracy accuracy = new RunningAccuracy();

        assertTrue(Double.isNaN(accuracy.accuracy()));
        assertEquals(0, accuracy.total());
    }

    @Test
    void shouldDivideCorrectByTotal() {
        RunningAccuracy accuracy = new RunningAccuracy();
        accuracy.record(true);
        accuracy.record(true);
        accuracy.record(false);
        accuracy.record(true);

        assertEquals(0.75, accuracy.accuracy(), 1e-12);
        assertEquals(4, accuracy.total());
        assertEquals(3, accuracy.correct());
    }

    @Test
    void shouldLoseNoUpdatesUnderConcurrentRecording() throws Exception {
        RunningAccuracy accuracy = new RunningAccuracy();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        accuracy.record(i % 4 != 0);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(40_000, accuracy.total());
        assertEquals(30_000, accuracy.correct());
        assertEquals(0.75, accuracy.accuracy(), 1e-12);
    }
}
