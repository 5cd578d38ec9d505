package io.siamese.service.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.service.it.StreamClients;
import io.siamese.testing.SampleRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The traffic that moves every metric the dashboard and the alerts read, sent the way a user would: valid pairs
 * and corrupt records through the real broker and registry into the service under test, and {@code POST
 * /api/v1/verify} requests to it. Waiting is on Kafka's blocking polls, with a deadline, never on sleeps.
 */
final class DashboardTraffic {

    /** Every id sent by one instance starts with its run id, so that runs sharing the topics stay apart. */
    private final String run = "dash-" + UUID.randomUUID();
    private final String bootstrap;
    private final String registry;
    private final String input;
    private final String output;
    private final String deadLetters;
    private final int httpPort;
    private int sent;

    /**
     * Traffic for the service under test.
     *
     * @param httpPort the service's HTTP port on 127.0.0.1 (given: RestAssured's default is set only per test)
     */
    DashboardTraffic(String bootstrap, String registry, String input, String output, String deadLetters, int httpPort) {
        this.httpPort = httpPort;
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.input = input;
        this.output = output;
        this.deadLetters = deadLetters;
    }

    /** Publishes {@code count} valid pairs of small PNGs, some alike and some not; returns their ids. */
    Set<String> publishValid(int count) {
        Set<String> ids = new LinkedHashSet<>();
        try (KafkaProducer<String, ImagePair> pairs = StreamClients.pairProducer(bootstrap, registry)) {
            for (int i = 0; i < count; i++, sent++) {
                String id = run + "-" + sent;
                ids.add(id);
                byte[] right = SampleRecords.png(20, 20, sent % 2 == 0 ? sent : sent + 50);
                pairs.send(new ProducerRecord<>(input, id, pair(id, SampleRecords.png(20, 20, sent), right)));
            }
            pairs.flush();
        }
        return ids;
    }

    /**
     * Publishes two corrupt records, each of another dead-letter reason: bytes that are not Avro
     * (DESERIALIZATION) and a valid pair whose left image is a PNG cut short (CORRUPT_IMAGE).
     *
     * @return record key -> the errorKind its dead letter must have
     */
    Map<String, String> publishCorrupt() {
        Map<String, String> expected = new LinkedHashMap<>();
        String notAvro = run + "-not-avro-" + sent;
        String badImage = run + "-bad-image-" + sent++;
        try (KafkaProducer<String, ImagePair> pairs = StreamClients.pairProducer(bootstrap, registry);
                KafkaProducer<String, byte[]> raw = StreamClients.rawProducer(bootstrap)) {
            raw.send(new ProducerRecord<>(input, notAvro, "not avro".getBytes(StandardCharsets.UTF_8)));
            byte[] png = SampleRecords.png(20, 20, 1);
            pairs.send(new ProducerRecord<>(input, badImage, pair(badImage, Arrays.copyOf(png, 30), png)));
            raw.flush();
            pairs.flush();
        }
        expected.put(notAvro, "DESERIALIZATION");
        expected.put(badImage, "CORRUPT_IMAGE");
        return expected;
    }

    /** Waits until every id has its result on the output topic (committed: read_committed). */
    void awaitResults(Set<String> ids, Duration wait) {
        Set<String> scored = new LinkedHashSet<>();
        try (KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(bootstrap, registry, output)) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!scored.containsAll(ids) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PairDissimilarity> r : results.poll(Duration.ofMillis(250))) {
                    scored.add(r.value().getPairId().toString());
                }
            }
        }
        assertTrue(scored.containsAll(ids), "results for " + ids + " within " + wait + ", got " + scored);
    }

    /** Waits until every key has its dead letter, and checks each one's errorKind. */
    void awaitDeadLetters(Map<String, String> kinds, Duration wait) {
        Map<String, String> got = new HashMap<>();
        try (KafkaConsumer<String, DeadLetter> letters = StreamClients.deadLetters(bootstrap, registry, deadLetters)) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!got.keySet().containsAll(kinds.keySet()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : letters.poll(Duration.ofMillis(250))) {
                    if (kinds.containsKey(r.key())) {
                        got.put(r.key(), r.value().getErrorKind().toString());
                    }
                }
            }
        }
        assertEquals(kinds, got, "dead letters within " + wait);
    }

    /** One {@code POST /api/v1/verify} to the service under test, which must answer 200. */
    void verify() {
        given().baseUri("http://127.0.0.1").port(httpPort)
                .multiPart("left", "left.png", SampleRecords.png(20, 20, 3), "image/png")
                .multiPart("right", "right.png", SampleRecords.png(20, 20, 4), "image/png")
                .when().post("/api/v1/verify").then().statusCode(200);
    }

    private static ImagePair pair(String id, byte[] left, byte[] right) {
        // Built here, not by SampleRecords: its Avro classes would come from another class loader.
        return ImagePair.newBuilder()
                .setPairId(id)
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(left)).setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(right)).setMediaType("image/png").build())
                .setMetadata(Map.of("label", "0"))
                .setEventTime(Instant.now())
                .build();
    }
}
