package io.siamese.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.testing.SampleRecords;
import io.siamese.testing.TestConsumers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with Confluent's own client: Debian's python3-confluent-kafka (legacy confluent_kafka.avro
 * AvroProducer / AvroConsumer) through the same real broker and registry. The Python side uses Avro string
 * keys, as AvroProducer/AvroConsumer always do. Skipped when that Python package is not installed.
 */
class PythonInteropIT {

    /** Debian's interpreter by default (-Dinterop.python=... to override): the pyenv one on PATH lacks the client. */
    private static final Path PYTHON = Path.of(System.getProperty("interop.python", "/usr/bin/python3"));
    private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(60);

    private static Boolean clientInstalled;

    private LocalStack stack;

    @BeforeEach
    void requireConfluentPythonClient() throws Exception {
        // Checked per test (once per JVM) so each test is reported as skipped, with the reason.
        if (clientInstalled == null) {
            clientInstalled = Files.isExecutable(PYTHON)
                    && run(List.of(PYTHON.toString(), "-c", "import confluent_kafka.avro")).exitCode() == 0;
        }
        // ./siamese test installs it; a machine without it fails here rather than skipping the check.
        assertTrue(clientInstalled, PYTHON + " cannot import confluent_kafka.avro (apt-get install"
                + " python3-confluent-kafka python3-avro python3-requests)");
        stack = SharedLocalStack.get();
    }

    @Test
    void shouldReadAnImagePairProducedByConfluentsPythonClient() throws Exception {
        String topic = "interop-pairs-" + UUID.randomUUID();
        stack.createTopic(topic, 1);
        Instant eventTime = Instant.ofEpochMilli(1_735_787_045_678L);

        python("produce_image_pair.py", "--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl(),
                "--topic", topic, "--schema", Path.of("src/main/avro/ImagePair.avsc").toAbsolutePath().toString(),
                "--pair-id", "py-1", "--event-time-ms", Long.toString(eventTime.toEpochMilli()));

        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put("schema.registry.url", stack.registryUrl());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "java-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, GenericAvroDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class);
        config.put(ConfluentAvroDeserializer.VALUE_TYPE, ImagePair.class.getName());
        try (KafkaConsumer<Object, ImagePair> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<Object, ImagePair> record = TestConsumers.poll(consumer, 1, Duration.ofSeconds(30)).get(0);
            ImagePair pair = record.value();

            assertEquals("py-1", record.key());
            assertEquals("py-1", pair.getPairId());
            assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
                    pair.getLeft().getData().array());
            assertEquals("image/jpeg", pair.getRight().getMediaType());
            assertEquals(Map.of("label", "0", "source", "python"), pair.getMetadata());
            assertEquals(eventTime, pair.getEventTime());
            assertEquals("py-trace-1", pair.getTraceId());
            assertEquals(true, pair.getIncludeEmbeddings());
        }
    }

    @Test
    void shouldWriteAPairDissimilarityThatConfluentsPythonClientReads() throws Exception {
        String topic = "interop-results-" + UUID.randomUUID();
        stack.createTopic(topic, 1);
        PairDissimilarity result = SampleRecords.pairDissimilarity("java-1");
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put("schema.registry.url", stack.registryUrl());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, GenericAvroSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class);
        try (KafkaProducer<Object, PairDissimilarity> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "java-1", result)).get();
        }

        JsonNode read = new ObjectMapper().readTree(python("consume_pair_dissimilarity.py", "--bootstrap",
                stack.bootstrapServers(), "--registry", stack.registryUrl(), "--topic", topic,
                "--group", "python-" + topic, "--timeout", "30"));

        JsonNode value = read.get("value");
        assertEquals("java-1", read.get("key").asText());
        assertEquals("java-1", value.get("pairId").asText());
        assertEquals(1.25, value.get("distance").asDouble());
        assertEquals("euclidean", value.get("metric").asText());
        assertEquals("DIFFERENT", value.get("decision").asText());
        assertEquals(8, value.get("timings").get("batchSize").asInt());
        assertEquals(List.of(0.5, -1.0, 2.25), doubles(value.get("leftEmbedding")));
        assertEquals(1, value.get("label").asInt());
        assertEquals(SampleRecords.EVENT_TIME.toEpochMilli(), value.get("eventTime").asLong());
        assertEquals("1", value.get("metadata").get("label").asText());
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }

    /** Runs an interop script and returns its standard output; fails with its output otherwise. */
    private static String python(String script, String... args) throws IOException, InterruptedException,
            URISyntaxException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(),
                Path.of(PythonInteropIT.class.getResource("/interop/" + script).toURI()).toString()));
        command.addAll(List.of(args));
        Result result = run(command);
        assertEquals(0, result.exitCode(), script + " failed:\n" + result.output());
        String[] lines = result.output().strip().split("\n");
        return lines[lines.length - 1];
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("interop-", ".log");
        try {
            // Debian's client libraries only: a PYTHONPATH meant for another interpreter must not leak in.
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().remove("PYTHONPATH");
            Process process = builder.start();
            if (!process.waitFor(PYTHON_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, "timed out after " + PYTHON_TIMEOUT + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
