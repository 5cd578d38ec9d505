package io.siamese.service.live;

import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.checkpoint.VersionIds;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.service.it.TestCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Checkpoints announced the way the trainer announces them, so the live page has a model history. */
final class LiveCheckpoints {

    private LiveCheckpoints() {}

    /**
     * Puts the shipped model in the store and announces it, then announces a newer version missing
     * from the store and a newer one with another input size; returns the shipped version.
     */
    static String announceShippedAndTwoBadOnes(Path shippedDir) throws Exception {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(LiveStackResource.store);
        Manifest shipped = Checkpoints.readManifest(shippedDir);
        Path tmp = Files.createTempDirectory("live-ckpt");
        Manifest small = TestCheckpoints.write(tmp.resolve("small"), 3, 0.5, 16);
        Instant now = Instant.now();
        try (KafkaProducer<String, ModelCheckpoint> p = checkpointProducer()) {
            p.send(event(shipped.version(), store.put(shippedDir), shipped, now)).get();
            p.send(event(small.version(), store.put(tmp.resolve("small")), small, now.plusSeconds(1))).get();
            String missing = VersionIds.next(now.plusSeconds(2));
            p.send(event(missing, LiveStackResource.store.resolve(missing).toString(), small, now.plusSeconds(2))).get();
        }
        return shipped.version();
    }

    private static ProducerRecord<String, ModelCheckpoint> event(String version, String location, Manifest m,
            Instant createdAt) {
        return new ProducerRecord<>(LiveStackResource.CHECKPOINTS, version, ModelCheckpoint.newBuilder()
                .setVersion(version).setLocation(location).setSha256(m.parametersSha256())
                .setArchitecture(m.architecture()).setThreshold(m.threshold()).setMetrics(Map.of())
                .setCreatedAt(createdAt).build());
    }

    private static KafkaProducer<String, ModelCheckpoint> checkpointProducer() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LiveStackResource.bootstrapServers);
        cfg.put(RegistryConfig.URL, LiveStackResource.registryUrl);
        ConfluentAvroSerializer<ModelCheckpoint> values = new ConfluentAvroSerializer<>();
        values.configure(cfg, false);
        return new KafkaProducer<>(cfg, new StringSerializer(), values);
    }
}
