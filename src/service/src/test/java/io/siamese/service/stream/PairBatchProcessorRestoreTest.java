package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.schemas.serde.GenericAvroSerializer;
import io.siamese.testing.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The processor alone, with a store holding what a changelog restore after a crash would bring back. */
class PairBatchProcessorRestoreTest {

    private static final String TOPIC = Topics.IMAGE_PAIRS;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroSerializer<ImagePair> serializer = new ConfluentAvroSerializer<>(registry, true);
    private final MockProcessorContext<byte[], Object> context = new MockProcessorContext<>();
    private final KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(StreamNames.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
            .withLoggingDisabled().build();
    /** The input partition as the fake reader serves it: offset to value. */
    private final Map<Long, byte[]> input = new HashMap<>();
    private final List<SortedSet<Long>> reads = new ArrayList<>();
    private boolean readerClosed;

    PairBatchProcessorRestoreTest() {
        serializer.configure(TopologyHarness.REGISTRY, false);
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Test
    void shouldStoreAReferenceNotTheImagesOfABufferedPair() {
        PairBatchProcessor processor = processor();
        context.setCurrentSystemTimeMs(1_000);
        processor.init(context);
        context.setRecordMetadata(TOPIC, 0, 42);
        byte[] value = serializer.serialize(TOPIC, PairBatchTopologyTest.valid("p"));
        processor.process(new Record<>("k".getBytes(), value, 1_000));

        BufferedRecord stored = BufferedRecord.fromBytes(store.get(0L));
        assertNull(stored.value(), "the image bytes stay in the input topic");
        assertEquals(42, stored.offset());
        assertArrayEquals("k".getBytes(), stored.key());
        assertTrue(store.get(0L).length < 64, "a reference is small: " + store.get(0L).length + " bytes");
    }

    @Test
    void shouldReadRestoredReferencesBackFromTheInputTopicAndScoreThem() {
        for (long seq = 0; seq < 2; seq++) {
            long offset = 10 + seq;
            input.put(offset, serializer.serialize(TOPIC, PairBatchTopologyTest.valid("restored-" + seq)));
            store.put(seq, reference(offset).toReferenceBytes());
        }
        PairBatchProcessor processor = restoredAndFlushed();

        assertEquals(List.of(java.util.Set.of(10L, 11L)), reads.stream().map(java.util.Set::copyOf).toList(),
                "one read of the partition, for both offsets");
        assertTrue(readerClosed);
        assertEquals(List.of("restored-0", "restored-1"), results());
        assertEquals(0, store.approximateNumEntries(), "scored pairs leave the buffer");
        assertEquals(0, processor.pendingCount());
    }

    @Test
    void shouldDeadLetterARestoredPairWhoseInputRecordRetentionRemoved() {
        input.put(11L, serializer.serialize(TOPIC, PairBatchTopologyTest.valid("kept")));
        store.put(0L, reference(10).toReferenceBytes()); // offset 10 is gone from the partition
        store.put(1L, reference(11).toReferenceBytes());
        restoredAndFlushed();

        assertEquals(List.of("kept"), results());
        List<DeadLetter> letters = context.forwarded().stream()
                .filter(f -> f.childName().orElseThrow().equals(StreamNames.DEAD_LETTER_SINK))
                .map(f -> (DeadLetter) f.record().value()).toList();
        assertEquals(1, letters.size());
        assertEquals(DeadLetterKinds.INPUT_EXPIRED, letters.get(0).getErrorKind());
        assertEquals(10L, letters.get(0).getOffset());
        assertArrayEquals("k10".getBytes(), letters.get(0).getKey().array());
        assertNull(letters.get(0).getValue());
        assertTrue(letters.get(0).getErrorMessage().contains("image-pairs-0@10"), letters.get(0).getErrorMessage());
        assertEquals(0, store.approximateNumEntries(), "the dead letter leaves the buffer too");
    }

    @Test
    void shouldScoreBufferedPairsRestoredWithTheirImagesFromAnOlderChangelog() {
        for (long seq = 0; seq < 2; seq++) {
            ImagePair pair = PairBatchTopologyTest.valid("restored-" + seq);
            store.put(seq, reference(seq).withValue(serializer.serialize(TOPIC, pair)).toBytes());
        }
        restoredAndFlushed();

        assertEquals(List.of(), reads, "nothing to read back");
        assertEquals(List.of("restored-0", "restored-1"), results());
        assertTrue(context.forwarded().stream().allMatch(f -> f.childName().orElseThrow().equals(StreamNames.RESULTS_SINK)));
        assertEquals(0, store.approximateNumEntries(), "scored pairs leave the buffer");
    }

    private static BufferedRecord reference(long offset) {
        return new BufferedRecord(1_000, 1_000, TOPIC, 0, offset, ("k" + offset).getBytes(), null);
    }

    /** Initialises a processor on the store (the restore) and lets the linger flush what it restored. */
    private PairBatchProcessor restoredAndFlushed() {
        PairBatchProcessor processor = processor();
        context.setCurrentSystemTimeMs(1_010);
        processor.init(context);
        assertEquals(store.approximateNumEntries(), processor.pendingCount(), "restored pairs are pending again");
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(1_000 + 10);
        return processor;
    }

    private PairBatchProcessor processor() {
        ConfluentAvroDeserializer<ImagePair> pairs = new ConfluentAvroDeserializer<>(ImagePair.class, registry);
        pairs.configure(TopologyHarness.REGISTRY, false);
        InputRecords.Factory reader = (configs, clientId) -> new InputRecords() {
            @Override
            public Map<Long, byte[]> values(String topic, int partition, SortedSet<Long> offsets) {
                assertEquals(TOPIC, topic);
                reads.add(offsets);
                Map<Long, byte[]> found = new HashMap<>(input);
                found.keySet().retainAll(offsets);
                return found;
            }

            @Override
            public void close() {
                readerClosed = true;
            }
        };
        return new PairBatchProcessor(new BatchSettings(8, Duration.ofMillis(10), Topics.PAIR_DISSIMILARITIES),
                new FakeEncoder(), new PairDecoder(pairs, ImageLimits.DEFAULT, 8),
                new OutputKeys(OutputKeys.Format.STRING, new GenericAvroSerializer(registry, true)), StreamMetrics.NONE,
                SchemaRegistryGates.open(), reader);
    }

    private List<String> results() {
        return context.forwarded().stream()
                .filter(f -> f.childName().orElseThrow().equals(StreamNames.RESULTS_SINK))
                .map(f -> ((PairDissimilarity) f.record().value()).getPairId()).toList();
    }
}
