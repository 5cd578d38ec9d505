package io.siamese.service.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.WireFormat;
import io.siamese.service.stream.StreamThreadFailureHandler;
import io.siamese.testing.SampleRecords;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;

/** The running service against a real broker and a real Apicurio registry. */
@QuarkusTest
@QuarkusTestResource(value = StreamingStackResource.class, restrictToAnnotatedClass = true)
class StreamingServiceIT {

    /** The handler the Kafka Streams extension installs on the instance it creates (the one bean of the type). */
    @Inject
    StreamsUncaughtExceptionHandler failureHandler;

    static ImagePair pair(String id, byte[] left, byte[] right) {
        // Built here, not by SampleRecords: its Avro classes would come from another class loader.
        return ImagePair.newBuilder()
                .setPairId(id)
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(left)).setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(right)).setMediaType("image/png").build())
                .setMetadata(java.util.Map.of("label", "1"))
                .setEventTime(java.time.Instant.now())
                .build();
    }

    @Test
    void shouldPublishOneResultPerValidPairAndOneDeadLetterPerCorruptRecord() throws Exception {
        String bs = StreamingStackResource.bootstrapServers;
        String reg = StreamingStackResource.registryUrl;
        int valid = 24;
        byte[] png = SampleRecords.png(20, 20, 5);
        try (KafkaProducer<String, ImagePair> pairs = StreamClients.pairProducer(bs, reg);
                KafkaProducer<String, byte[]> raw = StreamClients.rawProducer(bs)) {
            for (int i = 0; i < valid; i++) {
                pairs.send(new ProducerRecord<>(Topics.IMAGE_PAIRS, "v" + i,
                        pair("v" + i, SampleRecords.png(20, 20, i), SampleRecords.png(24, 24, i + 100))));
            }
            pairs.send(new ProducerRecord<>(Topics.IMAGE_PAIRS, "c1", pair("c1", png, Arrays.copyOf(png, 30))));
            pairs.send(new ProducerRecord<>(Topics.IMAGE_PAIRS, "c2", pair("c2", png, SampleRecords.png(3, 3, 1))));
            raw.send(new ProducerRecord<>(Topics.IMAGE_PAIRS, "c3", "garbage".getBytes()));
            raw.send(new ProducerRecord<>(Topics.IMAGE_PAIRS, "c4", WireFormat.encode(987654, new byte[] {1})));
            raw.send(new ProducerRecord<>(Topics.IMAGE_PAIRS, "c5", null));
            pairs.flush();
            raw.flush();
        }
        int corrupt = 5;
        try (KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(bs, reg, Topics.PAIR_DISSIMILARITIES);
                KafkaConsumer<String, DeadLetter> letters = StreamClients.deadLetters(bs, reg, Topics.IMAGE_PAIRS_DLQ)) {
            // Other tests of this class share the topics: count only this test's pairs (ids v*, keys c*).
            List<ConsumerRecord<String, PairDissimilarity>> got = pollMine(results, r -> r.value().getPairId().startsWith("v"), valid);
            List<ConsumerRecord<String, DeadLetter>> dead = pollMine(letters, r -> r.key().startsWith("c"), corrupt);
            Set<String> ids = got.stream().map(r -> r.value().getPairId()).collect(Collectors.toSet());
            assertEquals(valid, got.size(), "exactly one result per valid pair");
            assertEquals(valid, ids.size(), "no duplicates");
            assertEquals(corrupt, dead.size(), "exactly one dead letter per corrupt record");
            for (ConsumerRecord<String, PairDissimilarity> r : got) {
                assertEquals(r.value().getPairId(), r.key(), "results are keyed by pair id");
            }
            assertEquals(Set.of(DeadLetterKinds.CORRUPT_IMAGE, DeadLetterKinds.BAD_DIMENSIONS,
                    DeadLetterKinds.DESERIALIZATION, DeadLetterKinds.UNKNOWN_SCHEMA, DeadLetterKinds.INVALID),
                    dead.stream().map(r -> r.value().getErrorKind()).collect(Collectors.toCollection(HashSet::new)));
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("siamese_pairs_received_total"))
                .body(containsString("siamese_dead_letters_total{reason=\"CORRUPT_IMAGE\"}"));
    }

    /**
     * Polls until {@code count} matching records arrived, then once more (bounded) so that a duplicate,
     * which would be committed by then, is caught.
     */
    private static <V> List<ConsumerRecord<String, V>> pollMine(KafkaConsumer<String, V> consumer,
            java.util.function.Predicate<ConsumerRecord<String, V>> mine, int count) {
        List<ConsumerRecord<String, V>> out = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(250)).forEach(r -> {
                if (mine.test(r)) {
                    out.add(r);
                }
            });
        }
        consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
            if (mine.test(r)) {
                out.add(r);
            }
        });
        return out;
    }

    @Test
    void shouldServeConfluentsOwnPythonClientsWithNoCodeOfOurs() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        // ./siamese test installs it; a machine without it fails here rather than skipping the check.
        assertTrue(Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c",
                "import confluent_kafka.avro").start().waitFor() == 0,
                "Confluent's Python client missing: apt-get install python3-confluent-kafka python3-avro python3-requests");
        Path dir = Files.createTempDirectory("interop");
        Files.write(dir.resolve("a.png"), SampleRecords.png(20, 20, 1));
        Files.write(dir.resolve("b.png"), SampleRecords.png(20, 20, 2));
        Path script = Path.of(getClass().getResource("/interop/confluent_client_roundtrip.py").toURI());
        Path schema = Path.of(System.getProperty("schemas.dir", "../../schemas/src/main/avro"), "ImagePair.avsc");
        Process p = new ProcessBuilder(python.toString(), script.toString(),
                "--bootstrap", StreamingStackResource.bootstrapServers, "--registry", StreamingStackResource.registryUrl,
                "--schema", schema.toString(), "--left", dir.resolve("a.png").toString(),
                "--right", dir.resolve("b.png").toString(), "--pairs", "4")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "python client failed: " + out);
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), out);
        // Identical images (even pairs) are SAME at distance 0; keys come back as the Avro strings sent.
        assertEquals(true, lines.stream().anyMatch(l -> l.contains("\"pairId\": \"py-0\"") && l.contains("\"decision\": \"SAME\"")
                && l.contains("\"key\": \"py-0\"")), out);
    }

    @Test
    void shouldVerifyTwoUploadedImages() {
        given().multiPart("left", "a.png", SampleRecords.png(20, 20, 1), "image/png")
                .multiPart("right", "b.png", SampleRecords.png(20, 20, 1), "image/png")
                .when().post("/api/v1/verify")
                .then().statusCode(200)
                .body("decision", equalTo("SAME"))
                .body("distance", equalTo(0.0f))
                .body("modelVersion", notNullValue());
    }

    @Test
    void shouldAnswerBadUploadsWithAClear4xx() {
        byte[] png = SampleRecords.png(20, 20, 1);
        given().multiPart("left", "a.png", png, "image/png")
                .multiPart("right", "b.png", Arrays.copyOf(png, 20), "image/png")
                .when().post("/api/v1/verify")
                .then().statusCode(400).body("error", equalTo("CORRUPT_IMAGE"));
        given().multiPart("left", "a.png", png, "image/png")
                .when().post("/api/v1/verify")
                .then().statusCode(400).body("message", containsString("'left' and 'right'"));
    }

    @Test
    void shouldDescribeTheServedModelAndReportReady() {
        given().when().get("/api/v1/model").then().statusCode(200)
                .body("architecture", equalTo("compact")).body("threshold", equalTo(0.5f));
        // Ready once Kafka Streams is RUNNING (the group has formed): wait for it, bounded.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            // Polling interval of a readiness probe, not a synchronisation guess.
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("model"))
                .body(containsString("RUNNING"));
    }

    @Test
    void shouldReplaceDeadStreamThreadsInsteadOfKafkaStreamsDefaultShutdown() {
        assertInstanceOf(StreamThreadFailureHandler.class, ClientProxy.unwrap(failureHandler));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("siamese_stream_thread_failures_total{response=\"replace_thread\"} 0.0"));
    }
}
