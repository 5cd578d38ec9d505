package io.siamese.service.stream;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.testing.InMemorySchemaRegistryClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole topology in a TopologyTestDriver, with an in-memory registry and a fake encoder. */
final class TopologyHarness implements AutoCloseable {

    static final Map<String, Object> REGISTRY = Map.of(RegistryConfig.URL, "http://in-memory", RegistryConfig.AUTO_REGISTER, true);

    final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    final FakeEncoder encoder = new FakeEncoder();
    /** Stage CPU reports: calls and nanoseconds per stage. */
    final Map<CpuStage, long[]> stageCpu = new java.util.concurrent.ConcurrentHashMap<>();
    private final StreamMetrics metrics = new StreamMetrics() {
        @Override
        public void stageCpu(CpuStage stage, long cpuNanos) {
            long[] seen = stageCpu.computeIfAbsent(stage, s -> new long[2]);
            synchronized (seen) {
                seen[0]++;
                seen[1] += cpuNanos;
            }
        }
    };
    /** Probed only when a test calls {@link RegistryOutage#probeOnce()}. */
    final RegistryOutage outage = new RegistryOutage(System::currentTimeMillis, false);
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> input;
    final TestOutputTopic<String, PairDissimilarity> results;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;
    private final ConfluentAvroSerializer<ImagePair> pairs = new ConfluentAvroSerializer<>(registry, true);

    TopologyHarness(StreamSettings settings, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                TopologyProducer.build(settings, encoder, metrics, registry, REGISTRY, outage,
                        io.siamese.encoder.image.DecodeBudget.unlimited()), props,
                Instant.ofEpochMilli(1_000_000));
        pairs.configure(REGISTRY, false);
        input = driver.createInputTopic(settings.input(), new ByteArraySerializer(), new ByteArraySerializer());
        ConfluentAvroDeserializer<PairDissimilarity> resultValues = new ConfluentAvroDeserializer<>(PairDissimilarity.class, registry);
        resultValues.configure(REGISTRY, false);
        results = driver.createOutputTopic(settings.output(), new StringDeserializer(), resultValues);
        ConfluentAvroDeserializer<DeadLetter> letters = new ConfluentAvroDeserializer<>(DeadLetter.class, registry);
        letters.configure(REGISTRY, false);
        deadLetters = driver.createOutputTopic(settings.deadLetter(), new ByteArrayDeserializer(), letters);
    }

    /** Serializes a pair as a Confluent Avro producer would. */
    byte[] encode(ImagePair pair) {
        return pairs.serialize(Topics.IMAGE_PAIRS, pair);
    }

    void send(String key, ImagePair pair) {
        input.pipeInput(key.getBytes(), encode(pair));
    }

    List<PairDissimilarity> results() {
        return results.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
        outage.close();
    }
}
