package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.schemas.serde.GenericAvroSerializer;
import io.siamese.testing.InMemorySchemaRegistryClient;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The service reads arrival times from the system clock, not from Kafka Streams' per-loop cached
 * time: a stale cached time would make pairs that just arrived look old and flush half-empty batches.
 */
class PairBatchProcessorClockTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldNotFlushOnTheLingerWhenOnlyTheStreamsCachedClockHasMovedOn() {
        MockProcessorContext<byte[], Object> context = context();
        PairBatchProcessor processor = processor(BatchSettings.Clock.SYSTEM);
        processor.init(context);
        context.setCurrentSystemTimeMs(0); // a cached time far behind the real one

        processor.process(pair("fresh"));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(System.currentTimeMillis());

        assertEquals(1, processor.pendingCount(), "the pair arrived just now: its linger has not expired");
        assertEquals(0, context.forwarded().size());
    }

    @Test
    void shouldFlushOnTheLingerByTheStreamsClockInTopologyTests() {
        MockProcessorContext<byte[], Object> context = context();
        PairBatchProcessor processor = processor(BatchSettings.Clock.STREAM);
        processor.init(context);
        context.setCurrentSystemTimeMs(0);

        processor.process(pair("fresh"));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(Duration.ofMinutes(10).toMillis());

        assertEquals(0, processor.pendingCount());
        assertEquals(1, context.forwarded().size());
    }

    private MockProcessorContext<byte[], Object> context() {
        MockProcessorContext<byte[], Object> context = new MockProcessorContext<>();
        KeyValueStore<Long, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StreamNames.BUFFER_STORE), Serdes.Long(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setRecordMetadata(Topics.IMAGE_PAIRS, 0, 0);
        return context;
    }

    private PairBatchProcessor processor(BatchSettings.Clock clock) {
        ConfluentAvroDeserializer<ImagePair> pairs = new ConfluentAvroDeserializer<>(ImagePair.class, registry);
        pairs.configure(TopologyHarness.REGISTRY, false);
        return new PairBatchProcessor(
                new BatchSettings(8, Duration.ofMinutes(1), Topics.PAIR_DISSIMILARITIES, 1, clock, false, false, Duration.ZERO, 1), new FakeEncoder(),
                new PairDecoder(pairs, ImageLimits.DEFAULT, 8),
                new OutputKeys(OutputKeys.Format.STRING, new GenericAvroSerializer(registry, true)), StreamMetrics.NONE,
                SchemaRegistryGates.open());
    }

    private Record<byte[], byte[]> pair(String id) {
        ConfluentAvroSerializer<ImagePair> serializer = new ConfluentAvroSerializer<>(registry, true);
        serializer.configure(TopologyHarness.REGISTRY, false);
        return new Record<>(id.getBytes(), serializer.serialize(Topics.IMAGE_PAIRS, PairBatchTopologyTest.valid(id)), 0L);
    }
}
