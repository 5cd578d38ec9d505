package io.siamese.service.stream;

import io.siamese.encoder.image.DecodeBudget;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.registry.SchemaRegistryClient;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.schemas.serde.GenericAvroSerializer;
import io.siamese.service.config.ServiceConfig;
import io.siamese.service.model.BatchEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The service's one topology: {@code image-pairs} (raw bytes) into the batching processor, which
 * writes results to {@code pair-dissimilarities} and rejected records to {@code image-pairs-dlq}.
 * With {@code siamese.batch.across-partitions}, the tasks of a stream thread fill one set of batches, so pairs
 * from all its partitions share a forward pass; otherwise each task (partition) batches its own pairs.
 * Values are deserialized inside the processor, not by the source, so that a record that cannot
 * be read becomes a dead letter carrying its original bytes instead of stopping the stream.
 */
@ApplicationScoped
public class TopologyProducer {

    /**
     * Topic settings of the buffer store's changelog. Every scored pair leaves a tombstone there, and after a
     * crash (under {@code exactly_once_v2} the local store is then rebuilt from the changelog) a restore reads
     * every record the log cleaner has kept. With the broker's defaults that is a day of tombstones
     * ({@code delete.retention.ms}) plus an active segment of up to 1 GiB, holding every pair buffered at a
     * commit, that the cleaner never touches (it cleans closed segments only). Segments rolled
     * every 10 minutes or 64 MiB, and tombstones dropped 10 minutes after cleaning, bound a restore to minutes
     * of traffic; it takes seconds, well inside the 10 minutes a tombstone must outlive any reader.
     */
    public static final Map<String, String> BUFFER_CHANGELOG_CONFIG = Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, "600000",
            TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(64 << 20),
            TopicConfig.DELETE_RETENTION_MS_CONFIG, "600000");

    /** The configuration key of the decode budget, named in refusals. */
    public static final String DECODE_BUDGET_SETTING = "siamese.image.max-decoded-bytes";

    /**
     * The one decode budget of the process, shared by the stream and {@code POST /api/v1/verify}, so
     * that together they never hold more than {@code siamese.image.max-decoded-bytes}.
     */
    @Produces
    @Singleton
    DecodeBudget decodeBudget(ServiceConfig config) {
        return new DecodeBudget(config.image().maxDecodedBytes(), DECODE_BUDGET_SETTING);
    }

    @Produces
    Topology topology(ServiceConfig config, BatchEncoder encoder, StreamMetrics metrics, RegistryOutage outage,
            DecodeBudget budget) {
        Map<String, Object> registry = RegistrySettings.of(config.registry());
        return build(StreamSettings.from(config), encoder, metrics,
                new ConfluentRegistryClient(RegistryConfig.fromConfigs(registry)), registry, outage, budget);
    }

    /** The process's one view of the schema registry's availability, shared by every stream task. */
    @Produces
    @Singleton
    RegistryOutage registryOutage() {
        return new RegistryOutage();
    }

    void closeRegistryOutage(@Disposes RegistryOutage outage) {
        outage.close();
    }

    /** Builds the topology with an outage tracker of its own and no decode budget (tests). */
    public static Topology build(StreamSettings s, BatchEncoder encoder, StreamMetrics metrics,
            SchemaRegistryClient client, Map<String, Object> registry) {
        return build(s, encoder, metrics, client, registry, new RegistryOutage(), DecodeBudget.unlimited());
    }

    /**
     * Builds the topology.
     *
     * @param s topics, batching, limits
     * @param encoder scores batches
     * @param metrics receives the pipeline's figures
     * @param client schema registry client (tests pass an in-memory one)
     * @param registry serde settings ({@code schema.registry.url}, {@code auto.register.schemas}, ...)
     * @param outage where a registry outage is reported, and read while it lasts
     * @param budget the process-wide decode budget; the stream waits for its share without a limit,
     *     as a wait ending in a dead letter would lose a valid pair
     */
    public static Topology build(StreamSettings s, BatchEncoder encoder, StreamMetrics metrics,
            SchemaRegistryClient client, Map<String, Object> registry, RegistryOutage outage, DecodeBudget budget) {
        boolean autoRegister = RegistryConfig.autoRegister(registry);
        ConfluentAvroDeserializer<ImagePair> pairs = new ConfluentAvroDeserializer<>(ImagePair.class, client);
        pairs.configure(registry, false);
        ConfluentAvroSerializer<SpecificRecord> values = new ConfluentAvroSerializer<>(client, autoRegister);
        values.configure(registry, false);
        GenericAvroSerializer avroKeys = new GenericAvroSerializer(client, autoRegister);
        avroKeys.configure(registry, true);
        PairDecoder decoder = new PairDecoder(pairs, s.limits(), s.minSide(), budget, DecodeBudget.FOREVER);
        OutputKeys keys = new OutputKeys(s.keyFormat(), avroKeys);
        Serializer<Object> records = (topic, value) -> values.serialize(topic, (SpecificRecord) value);
        SchemaRegistryGate gate = new SchemaRegistryGate(outage, new OutputSchemas(values, avroKeys, s.output(),
                s.deadLetter(), s.keyFormat() != OutputKeys.Format.STRING));

        Topology topology = new Topology();
        topology.addSource(StreamNames.SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), s.input());
        // One set of batches per stream thread, filled by all of the thread's tasks (partitions), or one per task.
        Supplier<StreamThreadBatches> newBatches = () -> new StreamThreadBatches(s.batch(), encoder, decoder, metrics, gate);
        Supplier<StreamThreadBatches> threadBatches = s.batch().acrossPartitions()
                ? StreamThreadBatches.perThread(newBatches) : newBatches;
        topology.addProcessor(StreamNames.PROCESSOR, () -> new PairBatchProcessor(s.batch(), decoder, keys, metrics, gate,
                KafkaInputRecords::new, threadBatches), StreamNames.SOURCE);
        // Caching: a pair put and deleted within one commit interval never reaches the changelog; pairs
        // still buffered at a commit are flushed to it before the offsets commit, so nothing is lost.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StreamNames.BUFFER_STORE), Serdes.Long(), Serdes.ByteArray())
                .withCachingEnabled().withLoggingEnabled(BUFFER_CHANGELOG_CONFIG), StreamNames.PROCESSOR);
        topology.addSink(StreamNames.RESULTS_SINK, s.output(), new ByteArraySerializer(), records, StreamNames.PROCESSOR);
        topology.addSink(StreamNames.DEAD_LETTER_SINK, s.deadLetter(), new ByteArraySerializer(), records,
                StreamNames.PROCESSOR);
        return topology;
    }
}
