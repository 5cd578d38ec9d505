package io.siamese.service.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.StackFiles;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.service.stream.TopologyProducer;
import io.siamese.testing.SampleRecords;
import io.siamese.testing.TestConsumers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairs received and buffered, but not yet scored, and pairs in batches being scored survive a SIGKILL of
 * the service: after a restart each gets exactly one result, counted per pair id so a duplicate fails. Runs the packaged service as a child process against a
 * real broker and a real Apicurio registry.
 */
class KillRecoveryIT {

    /** The changelog of the processor's buffer store (application id + store name). */
    static final String BUFFER_CHANGELOG = "siamese-streams-pair-buffer-changelog";

    @TempDir
    Path work;

    @Test
    void shouldScoreBufferedPairsExactlyOnceAfterKillMinus9() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String bs = stack.bootstrapServers();
        String reg = stack.registryUrl();
        stack.createTopic(Topics.IMAGE_PAIRS, 2);
        stack.createTopic(Topics.PAIR_DISSIMILARITIES, 2);
        stack.createTopic(Topics.IMAGE_PAIRS_DLQ, 1);
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.kafka-streams.bootstrap-servers", bs);
        props.put("siamese.registry.url", reg);
        // The shipped model, not one made here: creating a model would load PyTorch into this JVM, where the
        // Quarkus tests of this module load it in their own class loader (a native library loads in only one).
        props.put("siamese.model.path", StackFiles.home().resolve("models/default").toString());
        props.put("siamese.model.warmup-batch-sizes", "1");
        props.put("kafka-streams.state.dir", work.resolve("state").toString());
        // First run: batches never fill and never linger out, so every pair stays buffered.
        props.put("siamese.batch.max-size", "1000");
        props.put("siamese.batch.max-linger", "1h");

        int buffered = 12;
        try (ServiceProcess first = ServiceProcess.start(service(props, "first"));
                KafkaProducer<String, ImagePair> producer = StreamClients.pairProducer(bs, reg);
                KafkaConsumer<byte[], byte[]> changelog = changelogConsumer(bs)) {
            send(producer, "before-", buffered);
            // Buffered and committed: the store's changelog holds them (read_committed), as references: the
            // images stay in the input topic and are read back from it after the restart.
            for (var entry : TestConsumers.poll(changelog, buffered, Duration.ofSeconds(60))) {
                assertTrue(entry.value().length < 100, "a changelog entry of " + entry.value().length
                        + " bytes: the images are logged again");
            }
            first.kill();
        }
        assertChangelogBoundsWhatARestoreReads(stack);
        try (KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(bs, reg, Topics.PAIR_DISSIMILARITIES)) {
            assertEquals(0, results.poll(Duration.ofSeconds(1)).count(), "nothing was scored before the kill");
            props.put("siamese.batch.max-size", "8");
            props.put("siamese.batch.max-linger", "20ms");
            try (ServiceProcess second = ServiceProcess.start(service(props, "second"));
                    KafkaProducer<String, ImagePair> producer = StreamClients.pairProducer(bs, reg)) {
                send(producer, "after-", 6);
                var got = TestConsumers.poll(results, buffered + 6, Duration.ofSeconds(90));
                got.addAll(drain(results, Duration.ofSeconds(3))); // a late duplicate, if any
                assertExactlyOnce(ids("before-", buffered, "after-", 6), got.stream().map(r -> r.value().getPairId()));
            }
        }
    }

    @Test
    void shouldScoreEveryPairExactlyOnceWhenKilledWithBatchesInFlight() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String input = "inflight-pairs";
        String output = "inflight-results";
        stack.createTopic(input, 2);
        stack.createTopic(output, 2);
        stack.createTopic("inflight-dlq", 1);
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.kafka-streams.bootstrap-servers", stack.bootstrapServers());
        props.put("quarkus.kafka-streams.application-id", "kill-inflight-it");
        props.put("siamese.topics.input", input);
        props.put("siamese.topics.output", output);
        props.put("siamese.topics.dead-letter", "inflight-dlq");
        props.put("siamese.registry.url", stack.registryUrl());
        props.put("siamese.model.path", StackFiles.home().resolve("models/default").toString());
        props.put("siamese.model.warmup-batch-sizes", "1,8");
        props.put("kafka-streams.state.dir", work.resolve("inflight-state").toString());
        // Full batches pipelined on the inference threads and lingered ones flushed: both in flight at the kill.
        props.put("siamese.batch.max-size", "8");
        props.put("siamese.batch.max-linger", "50ms");
        int burst = 400;
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(stack.bootstrapServers(),
                stack.registryUrl(), output);
                KafkaConsumer<String, DeadLetter> deadLetters = StreamClients.deadLetters(stack.bootstrapServers(),
                        stack.registryUrl(), "inflight-dlq")) {
            try (ServiceProcess first = ServiceProcess.start(service(props, "inflight-first"));
                    KafkaProducer<String, ImagePair> producer = StreamClients.pairProducer(stack.bootstrapServers(),
                            stack.registryUrl())) {
                send(producer, input, "burst-", burst);
                // Kill as soon as the first transaction is visible: the rest of the burst is buffered or scoring.
                TestConsumers.poll(results, 1, Duration.ofSeconds(120)).forEach(r -> seen.add(r.value().getPairId()));
                first.kill();
            }
            assertTrue(seen.size() < burst, "the kill came after every result: nothing was in flight");
            try (ServiceProcess second = ServiceProcess.start(service(props, "inflight-second"))) {
                TestConsumers.poll(results, burst - seen.size(), Duration.ofSeconds(180))
                        .forEach(r -> seen.add(r.value().getPairId()));
                drain(results, Duration.ofSeconds(3)).forEach(r -> seen.add(r.value().getPairId())); // late duplicates
                assertEquals(List.of(), drain(deadLetters, Duration.ofSeconds(1)), "no dead letters");
            }
        }
        assertExactlyOnce(ids("burst-", burst, "none-", 0), seen.stream());
    }

    /** @return whatever {@code consumer} reads within {@code window} (an observation window, not a wait) */
    private static <V> List<ConsumerRecord<String, V>> drain(KafkaConsumer<String, V> consumer, Duration window) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** Fails unless every id has exactly one outcome and no other id has any: duplicates are counted, not merged. */
    private static void assertExactlyOnce(List<String> expected, Stream<String> outcomes) {
        Map<String, Long> counts = outcomes.collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        List<String> wrong = new ArrayList<>();
        for (String id : expected) {
            long n = counts.getOrDefault(id, 0L);
            if (n != 1) {
                wrong.add(id + (n == 0 ? " lost" : " x" + n));
            }
        }
        counts.keySet().stream().filter(id -> !expected.contains(id)).forEach(id -> wrong.add(id + " unexpected"));
        assertEquals(List.of(), wrong, "outcomes per pair id (" + counts.size() + " ids seen)");
    }

    private static List<String> ids(String prefix, int n, String otherPrefix, int m) {
        List<String> ids = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> ids.add(prefix + i));
        IntStream.range(0, m).forEach(i -> ids.add(otherPrefix + i));
        return ids;
    }

    /** Small segments and short-lived tombstones: the restore above reads minutes of traffic, not a day. */
    private static void assertChangelogBoundsWhatARestoreReads(LocalStack stack) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, BUFFER_CHANGELOG);
        Config config;
        try (Admin admin = Admin.create(stack.clientConfig())) {
            config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
        }
        for (Map.Entry<String, String> e : TopologyProducer.BUFFER_CHANGELOG_CONFIG.entrySet()) {
            assertEquals(e.getValue(), config.get(e.getKey()).value(), BUFFER_CHANGELOG + " " + e.getKey());
        }
        assertEquals("compact", config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
    }

    /** The packaged service with {@code props}, its log in {@code work/<run>/logs}; the state dir is in props. */
    private ServiceProcessConfig service(Map<String, String> props, String run) {
        return ServiceProcessConfig.of(props.get("quarkus.kafka-streams.bootstrap-servers"),
                        props.get("siamese.registry.url"), Path.of(props.get("siamese.model.path")), work.resolve(run))
                .withProperties(props)
                .withJvm(List.of("-Xmx512m"), ServiceProcessConfig.DEFAULT_READY_TIMEOUT);
    }

    private static void send(KafkaProducer<String, ImagePair> producer, String prefix, int n) {
        send(producer, Topics.IMAGE_PAIRS, prefix, n);
    }

    private static void send(KafkaProducer<String, ImagePair> producer, String topic, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            producer.send(new ProducerRecord<>(topic, id, ImagePair.newBuilder()
                    .setPairId(id)
                    .setLeft(png(i))
                    .setRight(png(i + 1000))
                    .setMetadata(Map.of())
                    .setEventTime(Instant.now())
                    .build()));
        }
        producer.flush();
    }

    private static Image png(long seed) {
        return Image.newBuilder().setData(ByteBuffer.wrap(SampleRecords.png(20, 20, seed))).setMediaType("image/png").build();
    }

    private static KafkaConsumer<byte[], byte[]> changelogConsumer(String bs) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bs);
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "changelog-" + UUID.randomUUID());
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The changelog topic appears when the service starts: a pattern subscription picks it up.
        cfg.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(java.util.regex.Pattern.compile(BUFFER_CHANGELOG));
        return c;
    }

}
