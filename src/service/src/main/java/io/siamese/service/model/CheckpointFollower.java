package io.siamese.service.model;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.service.config.KafkaClientSettings;
import io.siamese.service.config.ServiceConfig;
import io.siamese.service.metrics.ResourceMetrics;
import io.siamese.service.stream.RegistrySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the compacted checkpoint topic on its own thread (loading a model never stalls a stream
 * thread) and hands every announcement and pin to the {@link ModelLifecycle}. Every instance reads the
 * whole topic (no consumer group), so all instances serve the same target. The reading survives any
 * failure ({@link CheckpointTopicReader}); {@link #health} says how it is doing.
 */
@ApplicationScoped
public class CheckpointFollower {

    private final ServiceConfig config;
    private final ModelService models;
    private final MeterRegistry meters;
    private final ResourceMetrics resources;
    private final KafkaClientSettings clients;
    private volatile boolean off;
    private volatile FollowerHealth health;
    private volatile ModelLifecycle lifecycle;
    private CheckpointTopicReader reader;
    private Thread thread;

    CheckpointFollower(ServiceConfig config, ModelService models, MeterRegistry meters, ResourceMetrics resources,
            KafkaClientSettings clients) {
        this.config = config;
        this.models = models;
        this.meters = meters;
        this.resources = resources;
        this.clients = clients;
    }

    void start(@Observes StartupEvent ev) {
        Optional<String> store = config.checkpoints().store();
        if (store.isEmpty()) {
            off = true;
            return;
        }
        // Meters only when following: a follower that is off is not down.
        FollowerHealth health = new FollowerHealth(meters, Clock.systemUTC());
        this.health = health;
        meters.counter("siamese.model.waiting");
        lifecycle = new ModelLifecycle(models, new DirectoryCheckpointStore(Path.of(store.get())), models.device(),
                new ModelLifecycle.Listener() {
                    @Override
                    public void swapped(String from, String to) {
                        meters.counter("siamese.model.swaps").increment();
                        resources.trackVersion(to);
                    }

                    @Override
                    public void rejected(String version, String reason) {
                        meters.counter("siamese.model.rejected").increment();
                    }

                    @Override
                    public void waiting(String version, String reason) {
                        meters.counter("siamese.model.waiting").increment();
                    }
                });
        Map<String, Object> cfg = consumerConfig(clients, RegistrySettings.of(config.registry()));
        reader = new CheckpointTopicReader(() -> {
            ConfluentAvroDeserializer<ModelCheckpoint> values = new ConfluentAvroDeserializer<>(ModelCheckpoint.class);
            values.configure(cfg, false);
            return new KafkaConsumer<>(cfg, new StringDeserializer(), values);
        }, config.checkpoints().topic(), lifecycle, health, RetryBackoff.DEFAULT);
        thread = new Thread(reader, "checkpoint-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** The follower's consumer configuration: the Streams client's connection and security, our registry. */
    public static Map<String, Object> consumerConfig(KafkaClientSettings clients, Map<String, Object> registry) {
        Map<String, Object> cfg = clients.common();
        cfg.putAll(registry);
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The topic must be created compacted by whoever owns it; never auto-create a plain one.
        cfg.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return cfg;
    }

    /** Whether the topic has been read up to where it ended at start (ready to serve the newest). */
    public boolean caughtUp() {
        FollowerHealth h = health;
        return off || (h != null && h.isCaughtUp());
    }

    /** How following is going, for readiness; empty while following is off or not started. */
    public Optional<FollowerHealth> health() {
        return Optional.ofNullable(health);
    }

    /** The lifecycle, or empty when following is off (no checkpoint store configured). */
    public Optional<ModelLifecycle> lifecycle() {
        return Optional.ofNullable(lifecycle);
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        if (reader != null) {
            reader.stop();
            thread.join(5_000);
        }
    }
}
