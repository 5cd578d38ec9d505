package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.schemas.serde.GenericAvroSerializer;
import io.siamese.testing.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The processor alone, with a store holding what a changelog restore after a crash would bring back. */
class PairBatchProcessorRestoreTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldScoreBufferedPairsRestoredAfterACrash() {
        ConfluentAvroSerializer<ImagePair> serializer = new ConfluentAvroSerializer<>(registry, true);
        serializer.configure(TopologyHarness.REGISTRY, false);
        MockProcessorContext<byte[], Object> context = new MockProcessorContext<>();
        KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StreamNames.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        // Two pairs received, stored, not yet scored when the process died; one arrived much later.
        for (long seq = 0; seq < 2; seq++) {
            ImagePair pair = PairBatchTopologyTest.valid("restored-" + seq);
            store.put(seq, new BufferedRecord(1_000, 1_000, "image-pairs", 0, seq, ("k" + seq).getBytes(),
                    serializer.serialize("image-pairs", pair)).toBytes());
        }
        FakeEncoder encoder = new FakeEncoder();
        ConfluentAvroDeserializer<ImagePair> pairs = new ConfluentAvroDeserializer<>(ImagePair.class, registry);
        pairs.configure(TopologyHarness.REGISTRY, false);
        PairBatchProcessor processor = new PairBatchProcessor(
                new BatchSettings(8, Duration.ofMillis(10), "pair-dissimilarities"), encoder,
                new PairDecoder(pairs, ImageLimits.DEFAULT, 8),
                new OutputKeys(OutputKeys.Format.STRING, new GenericAvroSerializer(registry, true)), StreamMetrics.NONE);
        context.setCurrentSystemTimeMs(1_010);
        processor.init(context);
        assertEquals(2, processor.pendingCount(), "restored pairs are pending again");
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(1_000 + 10);
        List<String> ids = context.forwarded().stream()
                .map(f -> ((PairDissimilarity) f.record().value()).getPairId()).toList();
        assertEquals(List.of("restored-0", "restored-1"), ids);
        assertTrue(context.forwarded().stream().allMatch(f -> f.childName().orElseThrow().equals(StreamNames.RESULTS_SINK)));
        assertEquals(0, store.approximateNumEntries(), "scored pairs leave the buffer");
    }
}
