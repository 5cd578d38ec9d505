package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.service.it.StreamClients;
import io.siamese.testing.SampleRecords;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's topology and failure handler in a real Kafka Streams instance, against a real broker and
 * registry: a stream thread that dies mid-stream is replaced and every pair still gets exactly one result.
 */
class StreamThreadReplacementIT {

    private static final int PAIRS = 12;

    /** Fails the pipeline once, on the n-th record, as a bug or an unexpected client error would. */
    private static final class FailOnce implements StreamMetrics {
        private final AtomicInteger seen = new AtomicInteger();
        private final int failAt;

        FailOnce(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void received() {
            if (seen.incrementAndGet() == failAt) {
                throw new IllegalStateException("simulated failure on record " + failAt);
            }
        }
    }

    @Test
    void shouldReplaceADeadStreamThreadAndStillScoreEveryPairExactlyOnce(@TempDir Path state) throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String registry = stack.registryUrl();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String in = "replace-in-" + run;
        String out = "replace-out-" + run;
        String dlq = "replace-dlq-" + run;
        stack.createTopic(in, 1);
        stack.createTopic(out, 1);
        stack.createTopic(dlq, 1);
        StreamSettings settings = new StreamSettings(in, out, dlq, new BatchSettings(4, Duration.ofMillis(10), out),
                ImageLimits.DEFAULT, 8, OutputKeys.Format.MIRROR);
        Map<String, Object> serdes = Map.of(RegistryConfig.URL, registry);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamThreadFailureHandler handler = new StreamThreadFailureHandler(3, Duration.ofMinutes(10),
                System::currentTimeMillis, meters);

        try (KafkaStreams streams = new KafkaStreams(TopologyProducer.build(settings, new FakeEncoder(),
                new FailOnce(PAIRS / 2), new ConfluentRegistryClient(RegistryConfig.of(registry)), serdes),
                streamsConfig(stack, "replace-" + run, state))) {
            streams.setUncaughtExceptionHandler(handler);
            streams.start();
            try (KafkaProducer<String, ImagePair> producer = StreamClients.pairProducer(stack.bootstrapServers(), registry)) {
                byte[] png = SampleRecords.png(12, 12, 3);
                for (int i = 0; i < PAIRS; i++) {
                    producer.send(new ProducerRecord<>(in, "p" + i, pair("p" + i, png))).get();
                }
            }

            // Results leave in arrival order on one partition, so anything scored twice comes before the last pair's.
            List<String> keys = readUntil(stack, registry, out, "p" + (PAIRS - 1));

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                expected.add("p" + i);
            }
            assertEquals(expected, keys, "every pair once, in order, despite the thread that died");
            assertEquals(1.0, meters.get(StreamThreadFailureHandler.METRIC).tag("response", "replace_thread")
                    .counter().count());
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    private static ImagePair pair(String id, byte[] png) {
        Image image = Image.newBuilder().setData(ByteBuffer.wrap(png)).setMediaType("image/png").build();
        return ImagePair.newBuilder().setPairId(id).setLeft(image).setRight(image).setMetadata(Map.of())
                .setEventTime(Instant.now()).build();
    }

    private static Properties streamsConfig(LocalStack stack, String applicationId, Path state) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // The new thread's partitions wait for the coordinator to drop the dead thread's member: the broker's
        // least session timeout instead of the default 45 s keeps this test short.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        return p;
    }

    private static List<String> readUntil(LocalStack stack, String registry, String topic, String lastKey) {
        List<String> keys = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(stack.bootstrapServers(),
                registry, topic)) {
            while (!keys.contains(lastKey) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PairDissimilarity> r : results.poll(Duration.ofMillis(500))) {
                    keys.add(r.key());
                }
            }
        }
        return keys;
    }
}
