package io.siamese.trainer.continuous;

import io.siamese.encoder.checkpoint.CheckpointStore;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.model.SiameseModel;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Promotes a checkpoint: writes it complete and hashed ({@link Checkpoints#save} into a staging directory, then
 * {@link CheckpointStore#put}, itself atomic), and only then announces it on {@code model-checkpoints} (key =
 * version, all replicas acknowledging). A service therefore never hears of a version it cannot load; if the
 * trainer dies between the two steps the stored version is simply never announced.
 */
public final class CheckpointAnnouncer implements AutoCloseable {

    /**
     * A promoted checkpoint.
     *
     * @param manifest the manifest as stored (with its parameters' sha256)
     * @param location where the store put it
     */
    public record Promotion(Manifest manifest, String location) {}

    private final CheckpointStore store;
    private final Path staging;
    private final KafkaProducer<String, ModelCheckpoint> producer;

    /**
     * @param endpoints where Kafka and the registry are
     * @param store the checkpoint store the service loads from
     * @param staging a local directory for checkpoints being written
     */
    public CheckpointAnnouncer(Endpoints endpoints, CheckpointStore store, Path staging) {
        this.store = store;
        this.staging = staging;
        Map<String, Object> config = endpoints.producerConfig("siamese-trainer-checkpoints");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        ConfluentAvroSerializer<ModelCheckpoint> values = new ConfluentAvroSerializer<>();
        values.configure(config, false);
        producer = new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /**
     * Stores and announces {@code model} under {@code manifest}'s version.
     *
     * @param model the candidate
     * @param manifest its manifest (without the parameter hash; saving adds it)
     * @param metrics figures announced with it
     * @return what was stored and where
     * @throws IllegalStateException when storing or announcing fails
     */
    public Promotion promote(SiameseModel model, Manifest manifest, Map<String, Double> metrics) {
        Path dir = staging.resolve(manifest.version());
        Manifest saved = Checkpoints.save(model, manifest, dir);
        String location = store.put(dir);
        deleteQuietly(dir);
        announce(saved, location, metrics);
        return new Promotion(saved, location);
    }

    /**
     * Announces a checkpoint that is in the store already (e.g. a first version put there by hand).
     *
     * @param version a version held by the store
     * @return what was announced
     * @throws IllegalStateException when the store does not hold it or announcing fails
     */
    public Promotion announce(String version) {
        Path dir = store.open(version).orElseThrow(() -> new IllegalStateException(
                "the checkpoint store " + store.describe() + " holds no version " + version));
        Manifest manifest = Checkpoints.readManifest(dir);
        announce(manifest, dir.toString(), manifest.metrics() == null ? Map.of() : manifest.metrics());
        return new Promotion(manifest, dir.toString());
    }

    private void announce(Manifest saved, String location, Map<String, Double> metrics) {
        ModelCheckpoint event = ModelCheckpoint.newBuilder()
                .setVersion(saved.version())
                .setParentVersion(saved.parentVersion())
                .setLocation(location)
                .setSha256(saved.parametersSha256())
                .setArchitecture(saved.architecture())
                .setThreshold(saved.threshold())
                .setMetrics(Map.copyOf(metrics))
                .setCreatedAt(Instant.parse(saved.createdAt()))
                .build();
        try {
            producer.send(new ProducerRecord<>(Topics.MODEL_CHECKPOINTS, saved.version(), event)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("checkpoint " + saved.version() + " is stored at " + location
                    + " but could not be announced on " + Topics.MODEL_CHECKPOINTS + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while announcing " + saved.version(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
