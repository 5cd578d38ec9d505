package io.siamese.cli.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Decision;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Timings;
import io.siamese.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamStatsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StreamStats stats = new StreamStats(nanos::get);

    private static PairDissimilarity result(String version, Decision decision, Integer label, String metaLabel,
                                            long eventTime) {
        return PairDissimilarity.newBuilder().setPairId("p").setDistance(1).setMetric("euclidean").setThreshold(1)
                .setDecision(decision).setModelVersion(version).setTimings(new Timings(0L, 0L, 0L, 1))
                .setLabel(label).setEventTime(eventTime)
                .setMetadata(metaLabel == null ? Map.of() : Map.of("label", metaLabel)).build();
    }

    private static DeadLetter deadLetter(String kind) {
        return DeadLetter.newBuilder().setSourceTopic(Topics.IMAGE_PAIRS).setPartition(0).setOffset(1).setErrorKind(kind)
                .setErrorMessage("bad").setFailedAt(Instant.EPOCH).build();
    }

    @Test
    void sameIsRightForLabelZeroAndDifferentForLabelOne() {
        assertEquals(Optional.of(true), stats.recordResult(result("v1", Decision.SAME, 0, null, 0), 10));
        assertEquals(Optional.of(true), stats.recordResult(result("v1", Decision.DIFFERENT, 1, null, 0), 10));
        assertEquals(Optional.of(false), stats.recordResult(result("v1", Decision.SAME, 1, null, 0), 10));
        assertEquals(Optional.of(false), stats.recordResult(result("v1", Decision.DIFFERENT, 0, null, 0), 10));

        assertEquals(0.5, stats.accuracy());
    }

    @Test
    void takesTheLabelFromMetadataWhenTheFieldIsEmptyAndSkipsUnlabelledResults() {
        assertEquals(Optional.of(true), stats.recordResult(result("v1", Decision.SAME, null, "0", 0), 10));
        assertEquals(Optional.empty(), stats.recordResult(result("v1", Decision.SAME, null, null, 0), 10));
        assertEquals(Optional.empty(), stats.recordResult(result("v1", Decision.SAME, null, "maybe", 0), 10));

        StreamSnapshot snapshot = stats.snapshot();
        assertEquals(3, snapshot.results());
        assertEquals(1, snapshot.labelled());
        assertEquals(1.0, snapshot.accuracy());
    }

    @Test
    void keepsAccuracyPerModelVersionInOrderOfAppearance() {
        stats.recordResult(result("v2", Decision.SAME, 0, null, 0), 0);
        stats.recordResult(result("v1", Decision.SAME, 1, null, 0), 0);
        stats.recordResult(result("v3", Decision.SAME, null, null, 0), 0);

        StreamSnapshot snapshot = stats.snapshot();
        assertEquals(List.of("v2", "v1", "v3"), snapshot.modelVersions());
        assertEquals(1.0, snapshot.accuracyByVersion().get("v2"));
        assertEquals(0.0, snapshot.accuracyByVersion().get("v1"));
        assertTrue(Double.isNaN(snapshot.accuracyByVersion().get("v3")));
    }

    @Test
    void measuresLatencyFromEventTimeAndThroughputUpToTheLastArrival() {
        for (int i = 1; i <= 100; i++) {
            nanos.set(i * 10_000_000L); // one result every 10 ms
            stats.recordResult(result("v1", Decision.SAME, 0, null, 1_000), 1_000 + i);
        }
        stats.recordDeadLetter(deadLetter("CORRUPT_IMAGE"));
        stats.recordDeadLetter(deadLetter("CORRUPT_IMAGE"));
        stats.recordDeadLetter(deadLetter("TOO_LARGE"));
        nanos.set(60_000_000_000L); // an idle minute later

        StreamSnapshot snapshot = stats.snapshot();
        assertEquals(50, snapshot.latencyMillis().p50());
        assertEquals(99, snapshot.latencyMillis().p99());
        assertEquals(103, snapshot.handled());
        assertEquals(1.0, snapshot.seconds(), 1e-9);
        assertEquals(103.0, snapshot.pairsPerSecond(), 1e-9);
        assertEquals(Map.of("CORRUPT_IMAGE", 2L, "TOO_LARGE", 1L), snapshot.deadLettersByKind());
    }
}
