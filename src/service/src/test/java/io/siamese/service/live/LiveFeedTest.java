package io.siamese.service.live;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.schemas.Decision;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Timings;
import io.siamese.service.model.ServedModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The live feed on its own: a manual clock and thumbnails drawn on the calling thread. */
class LiveFeedTest {

    private static final ServedModel MODEL = new ServedModel("m-1", "compact", "euclidean", 0.5,
            new Preprocessing(16, 16, false), "/tmp/m-1");
    private static final byte[] WIDE_PNG = ImageEncoding.png(new float[200 * 100], 200, 100);

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final LiveFeed feed = new LiveFeed(millis::get, () -> millis.get() * 1_000_000, Runnable::run);

    private static ImagePair pair(String id, byte[] left) {
        Image image = Image.newBuilder().setData(ByteBuffer.wrap(left)).setMediaType("image/png").build();
        return ImagePair.newBuilder().setPairId(id).setLeft(image).setRight(image).setMetadata(Map.of())
                .setEventTime(Instant.EPOCH).build();
    }

    private static PairDissimilarity result(String id, double distance, Integer label, String version) {
        return PairDissimilarity.newBuilder().setPairId(id).setDistance(distance).setMetric("euclidean")
                .setThreshold(0.5).setDecision(distance <= 0.5 ? Decision.SAME : Decision.DIFFERENT)
                .setModelVersion(version).setTimings(Timings.newBuilder().setEventToResultMs(12).setQueuedMs(1)
                        .setBatchInferenceMs(3).setBatchSize(1).build())
                .setLabel(label).setEventTime(0).setMetadata(Map.of()).build();
    }

    private void publish(String id, double distance, Integer label) {
        feed.result(MODEL, distance, distance <= 0.5, 1, 12);
        feed.published(pair(id, WIDE_PNG), result(id, distance, label, MODEL.version()));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String key) {
        return (T) map.get(key);
    }

    @Test
    void shouldKeepOnlyTheMostRecentPairsNewestFirstWithSmallPngThumbnails() throws Exception {
        for (int i = 0; i < 100; i++) {
            millis.addAndGet(100);
            publish("p" + i, 0.1 * i, i % 2);
        }
        List<PairView> pairs = at(feed.snapshot("m-1", 0.5), "pairs");
        assertEquals(LiveFeed.RECENT_PAIRS, pairs.size());
        assertEquals("p99", pairs.get(0).pairId());
        assertEquals("p76", pairs.get(pairs.size() - 1).pairId());
        String uri = pairs.get(0).left();
        assertTrue(uri.startsWith("data:image/png;base64,"), uri);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))));
        assertEquals(64, thumb.getWidth(), "longest side scaled down to 64");
        assertEquals(32, thumb.getHeight(), "aspect ratio kept");
        assertEquals(1, pairs.get(0).label());
        assertEquals("DIFFERENT", pairs.get(0).decision());
    }

    @Test
    void shouldDrawThumbnailsForABurstThenAtMostOnePer50Milliseconds() {
        for (int i = 0; i < 100; i++) {
            publish("burst" + i, 0.2, 0);
        }
        assertEquals(LiveFeed.RECENT_PAIRS, ((List<?>) at(feed.snapshot("m-1", 0.5), "pairs")).size());
        assertEquals("burst23", ((List<PairView>) at(feed.snapshot("m-1", 0.5), "pairs")).get(0).pairId(),
                "pairs past the burst are not sampled");
        millis.addAndGet(50);
        publish("later", 0.2, 0);
        publish("too-soon", 0.2, 0);
        assertEquals("later", ((List<PairView>) at(feed.snapshot("m-1", 0.5), "pairs")).get(0).pairId());
    }

    @Test
    void shouldReportThroughputOverCompleteSecondsLatencyPercentilesAndBatchSizes() {
        millis.set(10_000);
        for (int i = 0; i < 100; i++) {
            feed.result(MODEL, 0.1, true, 0, i + 1);
        }
        feed.batch(8, 2_000_000);
        feed.batch(8, 2_000_000);
        feed.batch(3, 1_000_000);
        millis.set(12_500);
        Map<String, Object> snap = feed.snapshot("m-1", 0.5);
        Map<String, Object> throughput = at(snap, "throughput");
        assertEquals(20.0, throughput.get("pairsPerSecond"), "100 pairs over the last 5 complete seconds");
        assertEquals(100L, throughput.get("total"));
        assertEquals(ThroughputSeries.SECONDS, ((List<?>) throughput.get("series")).size());
        Map<String, Object> latency = at(snap, "latency");
        assertEquals(50L, latency.get("p50"));
        assertEquals(90L, latency.get("p90"));
        assertEquals(99L, latency.get("p99"));
        Map<String, Object> batches = at(snap, "batches");
        assertEquals(List.of(Map.of("size", 3L, "count", 1L), Map.of("size", 8L, "count", 2L)), batches.get("sizes"));
    }

    @Test
    void shouldHistogramLabelledDistancesOfTheCurrentVersionOnly() {
        publish("a", 0.1, 0);
        publish("b", 0.2, 0);
        publish("c", 0.9, 1);
        publish("d", 0.3, 1);
        publish("unlabelled", 0.4, null);
        feed.published(pair("old", WIDE_PNG), result("old", 5.0, 1, "m-0"));
        Map<String, Object> d = at(feed.snapshot("m-1", 0.5), "distances");
        assertEquals(4, d.get("labelled"));
        assertEquals(2, d.get("sameCount"));
        assertEquals(0.75, d.get("accuracy"), "d (different, 0.3) falls under the threshold");
        long same = ((List<Long>) d.get("same")).stream().mapToLong(Long::longValue).sum();
        long different = ((List<Long>) d.get("different")).stream().mapToLong(Long::longValue).sum();
        assertEquals(2, same);
        assertEquals(2, different);
        assertTrue((double) d.get("max") >= 0.9);
    }

    @Test
    void shouldCountDeadLettersByKindAndServedVersions() {
        feed.deadLetter("CORRUPT_IMAGE");
        feed.deadLetter("CORRUPT_IMAGE");
        feed.deadLetter("INVALID");
        publish("x", 0.1, null);
        Map<String, Object> snap = feed.snapshot("m-1", 0.5);
        Map<String, Object> letters = at(snap, "deadLetters");
        assertEquals(3L, letters.get("total"));
        assertEquals(Map.of("CORRUPT_IMAGE", 2L, "INVALID", 1L), letters.get("byKind"));
        List<Map<String, Object>> served = at(snap, "servedVersions");
        assertEquals("m-1", served.get(0).get("version"));
        assertEquals(1L, served.get(0).get("results"));
    }

    @Test
    void shouldNeverThrowIntoTheStreamAndKeepAPairWhoseImageCannotBePreviewed() {
        assertDoesNotThrow(() -> feed.published(pair("corrupt", new byte[] {1, 2, 3}), result("corrupt", 0.1, 0, "m-1")));
        assertDoesNotThrow(() -> feed.published(new ImagePair(), new PairDissimilarity()));
        assertDoesNotThrow(() -> feed.result(MODEL, Double.NaN, false, -5, -5));
        List<PairView> pairs = at(feed.snapshot("m-1", 0.5), "pairs");
        PairView corrupt = pairs.stream().filter(p -> "corrupt".equals(p.pairId())).findFirst().orElseThrow();
        assertNull(corrupt.left());
        assertNotNull(corrupt.decision());
    }

    @Test
    void shouldStayBoundedUnderAMillionResults() {
        for (int i = 0; i < 1_000_000; i++) {
            millis.incrementAndGet();
            feed.result(MODEL, 0.1, true, 0, i % 1000);
            feed.batch(1 + i % 32, 1000);
        }
        Map<String, Object> snap = feed.snapshot("m-1", 0.5);
        assertEquals(LiveFeed.LATENCY_WINDOW, ((Map<String, Object>) at(snap, "latency")).get("window"));
        assertEquals(LiveFeed.BATCH_WINDOW, ((Map<String, Object>) at(snap, "batches")).get("window"));
        assertEquals(1_000_000L, ((Map<String, Object>) at(snap, "throughput")).get("total"));
        assertEquals(ThroughputSeries.SECONDS,
                ((List<?>) ((Map<String, Object>) at(snap, "throughput")).get("series")).size());
    }
}
