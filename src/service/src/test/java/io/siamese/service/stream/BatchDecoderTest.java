package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.DecodeBudget;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.testing.InMemorySchemaRegistryClient;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchDecoderTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private static final byte[] TRUNCATED_PNG = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};

    private final Preprocessing preprocessing = new Preprocessing(16, 16, false);

    @Test
    void shouldDecodeABatchAcrossThreadsInTheOrderGivenAndRejectOnlyTheBadPairs() {
        BatchDecoder decoder = new BatchDecoder(pairDecoder(), 3, StreamMetrics.NONE);
        List<BatchDecoder.Item> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ImagePair pair = i % 7 == 3
                    ? PairBatchTopologyTest.pair("p" + i, TRUNCATED_PNG, TRUNCATED_PNG)
                    : PairBatchTopologyTest.valid("p" + i);
            items.add(new BatchDecoder.Item(record(i, new byte[0]), pair));
        }

        List<BatchDecoder.Decoded> out = decoder.decode(items, preprocessing);

        assertEquals(40, out.size());
        for (int i = 0; i < 40; i++) {
            BatchDecoder.Decoded d = out.get(i);
            assertEquals(i, d.record().offset(), "order kept");
            if (i % 7 == 3) {
                assertNull(d.pair());
                assertEquals(DeadLetterKinds.CORRUPT_IMAGE, d.rejected().kind(), d.rejected().getMessage());
            } else {
                assertNull(d.rejected());
                assertEquals("p" + i, d.pair().pair().getPairId());
                assertEquals(16 * 16, d.pair().left().length);
            }
        }
    }

    @Test
    void shouldDeserializeAPairRestoredFromTheChangelog() {
        ConfluentAvroSerializer<ImagePair> serializer = new ConfluentAvroSerializer<>(registry, true);
        serializer.configure(TopologyHarness.REGISTRY, false);
        byte[] value = serializer.serialize(Topics.IMAGE_PAIRS, PairBatchTopologyTest.valid("restored"));

        List<BatchDecoder.Decoded> out = new BatchDecoder(pairDecoder(), 1, StreamMetrics.NONE)
                .decode(List.of(new BatchDecoder.Item(record(0, value), null)), preprocessing);

        assertNotNull(out.get(0).pair());
        assertEquals("restored", out.get(0).pair().pair().getPairId());
    }

    @Test
    void shouldDecodeABatchOfLargeImagesAFewAtATimeWithoutDeadLetteringAny() {
        // Room for one subsampled 4000x4000 decode (about 3 MB) at a time, for three threads.
        DecodeBudget budget = new DecodeBudget(4L << 20, TopologyProducer.DECODE_BUDGET_SETTING);
        byte[] big = ImageEncoding.png(new BufferedImage(4000, 4000, BufferedImage.TYPE_3BYTE_BGR));
        List<BatchDecoder.Item> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(new BatchDecoder.Item(record(i, new byte[0]), PairBatchTopologyTest.pair("p" + i, big, big)));
        }

        List<BatchDecoder.Decoded> out = new BatchDecoder(budgeted(budget), 3, StreamMetrics.NONE).decode(items, preprocessing);

        for (BatchDecoder.Decoded d : out) {
            assertNull(d.rejected(), () -> d.rejected().getMessage());
            assertEquals(16 * 16, d.pair().right().length);
        }
        assertEquals(budget.maxBytes(), budget.availableBytes(), "every reservation released");
    }

    @Test
    void shouldDeadLetterAsTooLargeOnlyAPairWhoseImageAloneExceedsTheBudget() {
        DecodeBudget budget = new DecodeBudget(1L << 20, TopologyProducer.DECODE_BUDGET_SETTING);
        // Decoded at full size for a 16-pixel model (under 16x its side): about 2.6 MB, over the 1 MiB budget.
        byte[] tooLarge = ImageEncoding.png(new BufferedImage(255, 255, BufferedImage.TYPE_3BYTE_BGR));
        List<BatchDecoder.Item> items = List.of(
                new BatchDecoder.Item(record(0, new byte[0]), PairBatchTopologyTest.valid("fine")),
                new BatchDecoder.Item(record(1, new byte[0]), PairBatchTopologyTest.pair("huge", tooLarge, tooLarge)));

        List<BatchDecoder.Decoded> out = new BatchDecoder(budgeted(budget), 2, StreamMetrics.NONE).decode(items, preprocessing);

        assertNull(out.get(0).rejected());
        assertEquals(DeadLetterKinds.TOO_LARGE, out.get(1).rejected().kind());
        assertTrue(out.get(1).rejected().getMessage().contains("siamese.image.max-decoded-bytes"),
                out.get(1).rejected().getMessage());
        assertEquals(budget.maxBytes(), budget.availableBytes());
    }

    private static PairDecoder budgeted(DecodeBudget budget) {
        return new PairDecoder(null, ImageLimits.DEFAULT, 8, budget, DecodeBudget.FOREVER);
    }

    private PairDecoder pairDecoder() {
        ConfluentAvroDeserializer<ImagePair> pairs = new ConfluentAvroDeserializer<>(ImagePair.class, registry);
        pairs.configure(TopologyHarness.REGISTRY, false);
        return new PairDecoder(pairs, ImageLimits.DEFAULT, 8);
    }

    private static BufferedRecord record(long offset, byte[] value) {
        return new BufferedRecord(1_000, 1_000, Topics.IMAGE_PAIRS, 0, offset, ("k" + offset).getBytes(), value);
    }
}
