package io.siamese.cli.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.VersionIds;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Checkpoint versions in a store as the trainer writes them, made from the served model without loading it
 * (no PyTorch in the suite's JVM): the same parameters under a new version id, and announcements on the
 * checkpoint topic, honest or not.
 */
final class StoreVersions implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path model;
    private final Path store;
    private final String topic;
    private final KafkaProducer<String, ModelCheckpoint> producer;

    StoreVersions(Path model, Path store, String topic, Map<String, Object> producerConfig) {
        this.model = model;
        this.store = store;
        this.topic = topic;
        ConfluentAvroSerializer<ModelCheckpoint> values = new ConfluentAvroSerializer<>();
        values.configure(producerConfig, false);
        this.producer = new KafkaProducer<>(new HashMap<>(producerConfig), new StringSerializer(), values);
    }

    /** @return a fresh version id */
    static String newVersion() {
        return VersionIds.next(Instant.now());
    }

    /** Copies the model into {@code store/version} under that version id, atomically (staged, then moved). */
    void copy(String version) throws IOException {
        Path staging = Files.createDirectories(store.resolve("." + version + ".staging"));
        Files.copy(model.resolve(Checkpoints.PARAMETERS), staging.resolve(Checkpoints.PARAMETERS),
                StandardCopyOption.REPLACE_EXISTING);
        ObjectNode manifest = (ObjectNode) JSON.readTree(model.resolve(Checkpoints.MANIFEST).toFile());
        manifest.put("version", version);
        manifest.put("createdAt", Instant.now().toString());
        JSON.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(Checkpoints.MANIFEST).toFile(), manifest);
        Files.move(staging, store.resolve(version), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Cuts the parameters of a stored version to half their length. */
    void truncate(String version) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(store.resolve(version).resolve(Checkpoints.PARAMETERS)
                .toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
    }

    /** @return the sha256 of the served model's parameters (what an honest announcement of a copy says) */
    String modelSha256() throws IOException {
        return Checkpoints.sha256(model.resolve(Checkpoints.PARAMETERS));
    }

    /** Announces {@code version} with {@code sha256}, located in the store, and waits for the broker. */
    void announce(String version, String sha256) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(topic, version, ModelCheckpoint.newBuilder()
                .setVersion(version).setLocation(store.resolve(version).toString()).setSha256(sha256)
                .setArchitecture("compact").setThreshold(1.0).setMetrics(Map.of())
                .setCreatedAt(Instant.now()).build())).get();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
