package io.siamese.service.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.testing.SampleRecords;
import io.siamese.testing.TestConsumers;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Checkpoints announced on the topic are hot-swapped without a restart; bad ones are refused. */
@QuarkusTest
@QuarkusTestResource(value = HotSwapStackResource.class, restrictToAnnotatedClass = true)
class HotSwapServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaProducer<String, ModelCheckpoint> checkpointProducer() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, HotSwapStackResource.bootstrapServers);
        cfg.put(RegistryConfig.URL, HotSwapStackResource.registryUrl);
        ConfluentAvroSerializer<ModelCheckpoint> values = new ConfluentAvroSerializer<>();
        values.configure(cfg, false);
        return new KafkaProducer<>(cfg, new StringSerializer(), values);
    }

    /** Writes a checkpoint into the store and announces it, as the trainer does. */
    private static String announce(long seed, int inputSize, boolean corrupt) throws Exception {
        Path tmp = Files.createTempDirectory("ckpt");
        Manifest m = inputSize == 16 ? TestCheckpoints.write(tmp.resolve("c"), seed, 0.5)
                : TestCheckpoints.write(tmp.resolve("c"), seed, 0.5, inputSize);
        String location = new DirectoryCheckpointStore(HotSwapStackResource.store).put(tmp.resolve("c"));
        if (corrupt) {
            try (RandomAccessFile f = new RandomAccessFile(Path.of(location, m.parametersFile()).toFile(), "rw")) {
                f.seek(f.length() / 2);
                f.write(0x5A ^ f.read());
            }
        }
        send(m, location);
        return m.version();
    }

    /** Announces {@code m} at {@code location}, as the trainer does. */
    private static void send(Manifest m, String location) throws Exception {
        try (KafkaProducer<String, ModelCheckpoint> p = checkpointProducer()) {
            p.send(new ProducerRecord<>(HotSwapStackResource.CHECKPOINTS, m.version(), ModelCheckpoint.newBuilder()
                    .setVersion(m.version()).setLocation(location).setSha256(m.parametersSha256())
                    .setArchitecture(m.architecture()).setThreshold(m.threshold()).setMetrics(Map.of())
                    .setCreatedAt(Instant.now()).build())).get();
        }
    }

    private static void publish(String prefix, int n) {
        try (KafkaProducer<String, ImagePair> p = StreamClients.pairProducer(HotSwapStackResource.bootstrapServers,
                HotSwapStackResource.registryUrl)) {
            for (int i = 0; i < n; i++) {
                String id = prefix + i;
                p.send(new ProducerRecord<>(HotSwapStackResource.INPUT, id, ImagePair.newBuilder().setPairId(id)
                        .setLeft(png(i)).setRight(png(i + 7)).setMetadata(Map.of()).setEventTime(Instant.now()).build()));
            }
            p.flush();
        }
    }

    private static Image png(long seed) {
        return Image.newBuilder().setData(ByteBuffer.wrap(SampleRecords.png(16, 16, seed))).setMediaType("image/png").build();
    }

    private static void awaitServed(Predicate<String> version) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String served = "";
        while (System.nanoTime() < deadline) {
            served = given().get("/api/v1/model").then().statusCode(200).extract().path("version");
            if (version.test(served)) {
                return;
            }
            // Polling a REST endpoint of the app under test: there is no event to wait on.
            Thread.sleep(200);
        }
        throw new AssertionError("still serving " + served);
    }

    private static String served() {
        return given().get("/api/v1/model").then().statusCode(200).extract().path("version");
    }

    @Test
    void shouldSwapToAnAnnouncedVersionWithoutLosingOrDoublingAPair() throws Exception {
        try (KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(
                HotSwapStackResource.bootstrapServers, HotSwapStackResource.registryUrl, HotSwapStackResource.OUTPUT)) {
            String first = served();
            publish("before-", 8);
            List<ConsumerRecord<String, PairDissimilarity>> got = new java.util.ArrayList<>(TestConsumers.poll(results, 8, WAIT));
            String second = announce(21, 16, false);
            publish("during-", 8);
            awaitServed(second::equals);
            publish("after-", 8);
            got.addAll(TestConsumers.poll(results, 16, WAIT));
            assertEquals(0, results.poll(Duration.ofSeconds(1)).count(), "no duplicates");
            Map<String, String> versionOf = got.stream().collect(Collectors.toMap(r -> r.value().getPairId(),
                    r -> r.value().getModelVersion()));
            assertEquals(24, versionOf.size(), "every pair exactly once");
            for (int i = 0; i < 8; i++) {
                assertEquals(first, versionOf.get("before-" + i));
                assertEquals(second, versionOf.get("after-" + i));
                assertTrue(Set.of(first, second).contains(versionOf.get("during-" + i)));
            }
        }
        given().get("/q/metrics").then().body(containsString("siamese_model_swaps_total"));
    }

    @Test
    void shouldRejectIncompatibleCheckpointsAndWaitForCorruptOnesAndKeepServing() throws Exception {
        String serving = served();
        String corrupt = announce(31, 16, true);
        String incompatible = announce(41, 20, false);
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> rejected = Map.of();
        Map<String, Map<String, Object>> waiting = Map.of();
        while (System.nanoTime() < deadline && (rejected.get(incompatible) == null || waiting.get(corrupt) == null)) {
            rejected = given().get("/api/v1/model").then().extract().path("rejected");
            waiting = given().get("/api/v1/model").then().extract().path("waitingForFiles");
            Thread.sleep(200);
        }
        // A sha256 mismatch may be a copy still in progress: tried again with backoff, never served as is.
        assertTrue(String.valueOf(waiting.get(corrupt)).contains("corrupt"), String.valueOf(waiting));
        assertTrue(rejected.get(incompatible).contains("incompatible preprocessing"), String.valueOf(rejected));
        assertEquals(serving, served());
        given().get("/q/metrics").then().body(containsString("siamese_model_rejected_total"));
        // A pin to a rejected version would be accepted and then do nothing: it is refused instead.
        given().header("Authorization", "Bearer " + HotSwapStackResource.TOKEN).post("/api/v1/model/pin/" + incompatible)
                .then().statusCode(409).body(containsString("rejected"));
        assertEquals(serving, served());
    }

    @Test
    void shouldServeAVersionAnnouncedBeforeItsFilesReachedTheStore() throws Exception {
        Path tmp = Files.createTempDirectory("ckpt");
        Manifest m = TestCheckpoints.write(tmp.resolve("c"), 71, 0.5);
        send(m, HotSwapStackResource.store.resolve(m.version()).toString());
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Object> waiting = Map.of();
        while (System.nanoTime() < deadline && !waiting.containsKey(m.version())) {
            waiting = given().get("/api/v1/model").then().extract().path("waitingForFiles");
            Thread.sleep(200);
        }
        assertTrue(String.valueOf(waiting.get(m.version())).contains("not in the checkpoint store"), String.valueOf(waiting));
        new DirectoryCheckpointStore(HotSwapStackResource.store).put(tmp.resolve("c"));
        awaitServed(m.version()::equals);
        given().get("/q/metrics").then().body(containsString("siamese_model_waiting_total"))
                .body(containsString("siamese_checkpoint_follower_up"));
    }

    @Test
    void shouldPinAndUnpinOnlyWithTheToken() throws Exception {
        String second = announce(51, 16, false);
        awaitServed(second::equals);
        String v1 = announce(61, 16, false);
        awaitServed(v1::equals);
        given().post("/api/v1/model/pin/" + second).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").post("/api/v1/model/pin/" + second).then().statusCode(401);
        given().header("Authorization", "Bearer " + HotSwapStackResource.TOKEN).post("/api/v1/model/pin/nope")
                .then().statusCode(404);
        try {
            given().header("Authorization", "Bearer " + HotSwapStackResource.TOKEN).post("/api/v1/model/pin/" + second)
                    .then().statusCode(202);
            awaitServed(second::equals);
            given().header("Authorization", "Bearer " + HotSwapStackResource.TOKEN).delete("/api/v1/model/pin")
                    .then().statusCode(202);
            awaitServed(v1::equals);
            given().header("Authorization", "Bearer " + HotSwapStackResource.TOKEN).post("/api/v1/model/rollback")
                    .then().statusCode(202);
            awaitServed(second::equals);
        } finally {
            // A rollback is a pin: leave the service following the newest version for the other tests.
            given().header("Authorization", "Bearer " + HotSwapStackResource.TOKEN).delete("/api/v1/model/pin")
                    .then().statusCode(202);
            awaitServed(v1::equals);
        }
    }
}
