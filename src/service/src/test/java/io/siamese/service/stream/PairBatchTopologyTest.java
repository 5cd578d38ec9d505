package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.Decision;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.WireFormat;
import io.siamese.testing.SampleRecords;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairBatchTopologyTest {

    @TempDir
    Path state;

    private TopologyHarness harness;

    private TopologyHarness start(StreamSettings settings) {
        harness = new TopologyHarness(settings, state);
        return harness;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    static ImagePair pair(String id, byte[] left, byte[] right) {
        return ImagePair.newBuilder(SampleRecords.imagePair(id))
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(left)).setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(right)).setMediaType("image/png").build())
                .setIncludeEmbeddings(false)
                .build();
    }

    static ImagePair valid(String id) {
        return pair(id, SampleRecords.png(16, 16, id.hashCode()), SampleRecords.png(16, 16, id.hashCode() + 1));
    }

    @Test
    void shouldFlushBatchWhenFull() {
        TopologyHarness h = start(StreamSettings.defaults(3, Duration.ofSeconds(60)));
        h.send("a", valid("a"));
        h.send("b", valid("b"));
        assertTrue(h.results().isEmpty(), "two pairs must wait for a full batch");
        h.send("c", valid("c"));
        assertEquals(List.of("a", "b", "c"), h.results().stream().map(PairDissimilarity::getPairId).toList());
        assertEquals(List.of(3), h.encoder.batchSizes);
    }

    @Test
    void shouldCountTheCpuOfEachStageOnTheThreadThatRunsIt() {
        TopologyHarness h = start(StreamSettings.defaults(3, Duration.ofSeconds(60)));
        h.send("a", valid("a"));
        h.send("b", valid("b"));
        h.send("c", valid("c"));
        assertEquals(3, h.results().size());

        assertEquals(3, h.stageCpu.get(CpuStage.AVRO_DECODE)[0], "one Avro decode per record");
        assertEquals(3, h.stageCpu.get(CpuStage.IMAGE_DECODE)[0], "one image decode per pair");
        assertEquals(1, h.stageCpu.get(CpuStage.FORWARD)[0], "one forward pass per batch");
        assertEquals(1, h.stageCpu.get(CpuStage.RESULTS)[0], "one hand-off of results per batch");
        long total = 0;
        for (long[] seen : h.stageCpu.values()) {
            assertTrue(seen[1] >= 0, "CPU time never negative");
            total += seen[1];
        }
        assertTrue(total > 0, "decoding three pairs of PNGs costs some CPU");
    }

    @Test
    void shouldFlushBatchWhenLingerExpires() {
        TopologyHarness h = start(StreamSettings.defaults(64, Duration.ofMillis(20)));
        h.send("a", valid("a"));
        h.send("b", valid("b"));
        h.driver.advanceWallClockTime(Duration.ofMillis(5));
        assertTrue(h.results().isEmpty(), "a batch younger than the linger must wait");
        h.driver.advanceWallClockTime(Duration.ofMillis(20));
        assertEquals(2, h.results().size());
        assertEquals(List.of(2), h.encoder.batchSizes);
    }

    @Test
    void shouldDescribeEachResultCompletely() {
        TopologyHarness h = start(StreamSettings.defaults(1, Duration.ofMillis(10)));
        ImagePair same = pair("s", SampleRecords.png(16, 16, 1), SampleRecords.png(16, 16, 1));
        h.send("s", ImagePair.newBuilder(same).setIncludeEmbeddings(true).build());
        PairDissimilarity r = h.results().get(0);
        assertEquals(0.0, r.getDistance(), 1e-9);
        assertEquals(Decision.SAME, r.getDecision());
        assertEquals("fake-v1", r.getModelVersion());
        assertEquals(0.1, r.getThreshold());
        assertEquals("euclidean", r.getMetric());
        assertEquals(1, r.getLabel());
        assertEquals("gate-3", r.getMetadata().get("camera"));
        assertEquals(1, r.getTimings().getBatchSize());
        assertEquals(SampleRecords.EVENT_TIME.toEpochMilli(), r.getEventTime());
        assertNotNull(r.getLeftEmbedding());
        PairDissimilarity plain = harnessResultWithoutEmbeddings(h);
        assertNull(plain.getLeftEmbedding(), "embeddings only when asked for");
    }

    private PairDissimilarity harnessResultWithoutEmbeddings(TopologyHarness h) {
        h.send("t", valid("t"));
        return h.results().get(0);
    }

    @Test
    void shouldGiveExactlyOneOutputPerInputAndKeepOrder() {
        TopologyHarness h = start(StreamSettings.defaults(4, Duration.ofMillis(10)));
        int valid = 0;
        for (int i = 0; i < 30; i++) {
            if (i % 3 == 0) {
                h.input.pipeInput(("k" + i).getBytes(), new byte[] {1, 2, 3});
            } else {
                h.send("k" + i, valid("p" + i));
                valid++;
            }
        }
        h.driver.advanceWallClockTime(Duration.ofMillis(20));
        List<PairDissimilarity> results = h.results();
        assertEquals(valid, results.size());
        assertEquals(10, h.deadLetters().size());
        List<Integer> order = results.stream().map(r -> Integer.parseInt(r.getPairId().substring(1))).toList();
        assertEquals(order.stream().sorted().toList(), order, "results must come out in arrival order");
    }

    @Test
    void shouldDeadLetterEveryKindOfBadInput() {
        ImageLimits small = new ImageLimits(4000, 100_000);
        StreamSettings s = StreamSettings.defaults(1, Duration.ofMillis(10));
        TopologyHarness h = start(new StreamSettings(s.input(), s.output(), s.deadLetter(), s.batch(), small, 8, s.keyFormat()));
        byte[] ok = SampleRecords.png(16, 16, 1);
        Map<String, byte[]> values = new java.util.LinkedHashMap<>();
        values.put(DeadLetterKinds.DESERIALIZATION, "not avro at all".getBytes());
        values.put(DeadLetterKinds.UNKNOWN_SCHEMA, WireFormat.encode(424242, new byte[] {2, 2}));
        values.put(DeadLetterKinds.CORRUPT_IMAGE, h.encode(pair("c", ok, Arrays.copyOf(ok, ok.length / 2))));
        values.put(DeadLetterKinds.TOO_LARGE, h.encode(pair("l", ok, SampleRecords.png(80, 80, 3))));
        values.put(DeadLetterKinds.BAD_DIMENSIONS, h.encode(pair("d", ok, SampleRecords.png(4, 4, 3))));
        values.put(DeadLetterKinds.UNSUPPORTED_FORMAT, h.encode(pair("u", ok, "RIFF....WEBPVP8 ".getBytes())));
        values.put(DeadLetterKinds.INVALID, h.encode(ImagePair.newBuilder(valid("x")).setPairId(" ").build()));
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            h.input.pipeInput(e.getKey().getBytes(), e.getValue());
        }
        h.input.pipeInput("tombstone".getBytes(), (byte[]) null);
        List<DeadLetter> letters = h.deadLetters();
        assertEquals(values.size() + 1, letters.size());
        for (int i = 0; i < values.size(); i++) {
            String expected = List.copyOf(values.keySet()).get(i);
            DeadLetter d = letters.get(i);
            assertEquals(expected, d.getErrorKind(), d.getErrorMessage());
            assertEquals(expected, new String(d.getKey().array()), "the original key travels with the letter");
            assertTrue(ByteBuffer.wrap(values.get(expected)).equals(d.getValue()), "the original value travels with the letter");
            assertEquals(Topics.IMAGE_PAIRS, d.getSourceTopic());
            assertEquals(i, d.getOffset());
            assertTrue(!d.getErrorMessage().isBlank());
        }
        assertEquals(DeadLetterKinds.INVALID, letters.get(values.size()).getErrorKind());
        assertTrue(h.results().isEmpty());
        // The stream keeps going after poison records.
        h.send("after", valid("after"));
        assertEquals(1, h.results().size());
    }

    @Test
    void shouldNameTheLimitInTooLargeMessages() {
        StreamSettings s = StreamSettings.defaults(1, Duration.ofMillis(10));
        TopologyHarness h = start(new StreamSettings(s.input(), s.output(), s.deadLetter(), s.batch(),
                new ImageLimits(1_000_000, 500), 8, s.keyFormat()));
        h.send("big", pair("big", SampleRecords.png(16, 16, 1), SampleRecords.png(30, 30, 2)));
        DeadLetter d = h.deadLetters().get(0);
        assertEquals(DeadLetterKinds.TOO_LARGE, d.getErrorKind());
        assertTrue(d.getErrorMessage().contains("900") && d.getErrorMessage().contains("500"), d.getErrorMessage());
    }

    @Test
    void shouldDeadLetterTheBatchWhenInferenceFails() {
        TopologyHarness h = start(StreamSettings.defaults(2, Duration.ofMillis(10)));
        h.encoder.fail = true;
        h.send("a", valid("a"));
        h.send("b", valid("b"));
        List<DeadLetter> letters = h.deadLetters();
        assertEquals(2, letters.size());
        assertEquals(DeadLetterKinds.INFERENCE_FAILURE, letters.get(0).getErrorKind());
        h.encoder.fail = false;
        h.send("c", valid("c"));
        h.send("d", valid("d"));
        assertEquals(2, h.results().size());
    }

    @Test
    void shouldAnswerAvroFramedKeysWithAvroFramedKeys() {
        TopologyHarness h = start(StreamSettings.defaults(1, Duration.ofMillis(10)));
        byte[] avroKey = WireFormat.encode(1, new byte[] {4, 'a', 'b'});
        h.input.pipeInput(avroKey, h.encode(valid("framed")));
        h.send("plain", valid("plain"));
        var records = h.results.readRecordsToList();
        assertEquals(0, records.get(0).key().charAt(0), "Avro key in, Avro (magic byte 0) key out");
        assertTrue(records.get(0).key().endsWith("framed"));
        assertEquals("plain", records.get(1).key());
    }
}
