package io.siamese.trainer.continuous;

import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairPublisher;
import io.siamese.cli.publish.PublishOptions;
import io.siamese.cli.publish.PublishReport;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Publishing, reading (read_committed) and HTTP helpers for the continuous-training tests. */
final class PipelineClients {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PipelineClients() {}

    /** Publishes {@code count} pairs (ids {@code p-RUN-n}) and waits for the broker's acknowledgements. */
    static PublishReport publish(Endpoints endpoints, PairImages images, String run, long count, long seed,
            boolean labelled) {
        try (PairPublisher publisher = new PairPublisher(endpoints, images,
                new PublishOptions(count, 0, seed, 0, labelled, run))) {
            return publisher.run((id, broken) -> {});
        }
    }

    /** A consumer of a whole topic from its beginning, seeing committed transactions only. */
    static <T extends SpecificRecord> KafkaConsumer<String, T> reader(Endpoints endpoints, String topic, Class<T> type) {
        Map<String, Object> config = endpoints.consumerConfig("test-reader-" + topic);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConfluentAvroDeserializer<T> values = new ConfluentAvroDeserializer<>(type);
        values.configure(config, false);
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Reads results until {@code done} holds for all read so far (by pair id, every copy kept). */
    static Map<String, List<PairDissimilarity>> readResults(KafkaConsumer<String, PairDissimilarity> consumer,
            Map<String, List<PairDissimilarity>> into, Predicate<Map<String, List<PairDissimilarity>>> done,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(into)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("results still incomplete after " + timeout + ": " + into.size() + " ids");
            }
            for (ConsumerRecord<String, PairDissimilarity> r : consumer.poll(Duration.ofMillis(250))) {
                into.computeIfAbsent(r.value().getPairId(), id -> new ArrayList<>()).add(r.value());
            }
        }
        return into;
    }

    /** The announcement of {@code version} on model-checkpoints. */
    static ModelCheckpoint announcement(Endpoints endpoints, String version, Duration timeout) {
        try (KafkaConsumer<String, ModelCheckpoint> consumer =
                     reader(endpoints, Topics.MODEL_CHECKPOINTS, ModelCheckpoint.class)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ModelCheckpoint> r : consumer.poll(Duration.ofMillis(250))) {
                    if (version.equals(r.key())) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no announcement of " + version + " within " + timeout);
    }

    /** GET {@code url} as text. */
    static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The value of a metric line ({@code name{tags} value}) in Prometheus text. */
    static Optional<Double> metric(String text, String nameAndTags) {
        return text.lines().filter(line -> line.startsWith(nameAndTags + " "))
                .map(line -> Double.parseDouble(line.substring(nameAndTags.length() + 1).trim())).findFirst();
    }

    static Map<String, List<PairDissimilarity>> newResults() {
        return new HashMap<>();
    }
}
