package io.siamese.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests stop and restart the broker and the registry of a running stack: each comes back on the same
 * port with its data (records and schema ids), not reformatted.
 */
class LocalStackRestartIT {

    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldKeepRecordsAndSchemaIdsAcrossBrokerAndRegistryRestarts() throws Exception {
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"))) {
            stack.createTopic("kept", 1);
            produce(stack, "before");
            String id = register(stack);
            List<ProcessHandle> first = stack.processes();

            stack.stopBroker();
            stack.stopRegistry();
            assertFalse(first.stream().anyMatch(ProcessHandle::isAlive), "stopped: " + first);
            assertEquals(List.of(), stack.processes());
            stack.startBroker();
            stack.startRegistry();

            produce(stack, "after");
            assertEquals(List.of("before", "after"), readAll(stack));
            assertEquals(id, register(stack), "the registry kept the schema and its id");
            assertEquals(200, get(stack.registryReadyUrl()).statusCode());
            assertNotEquals(first, stack.processes());
        }
    }

    private static void produce(LocalStack stack, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("kept", value)).get();
        }
    }

    private static List<String> readAll(LocalStack stack) {
        Map<String, Object> config = new HashMap<>(stack.clientConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("kept", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    /** Registers one schema under subject {@code kept-value}; the same schema always gets the same id. */
    private String register(LocalStack stack) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(stack.registryUrl() + "/subjects/kept-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(SCHEMA)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().replaceAll("\\D", "");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
