package io.siamese.service.model;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.service.config.ServiceConfig;
import io.siamese.service.stream.RegistrySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows the compacted checkpoint topic from the beginning, on its own thread (loading a model
 * never stalls a stream thread), and hands every announcement and pin to the {@link ModelLifecycle}.
 * Every instance reads the whole topic (no consumer group), so all instances serve the same target.
 */
@ApplicationScoped
public class CheckpointFollower {

    private static final Logger LOG = Logger.getLogger(CheckpointFollower.class);

    private final ServiceConfig config;
    private final ModelService models;
    private final MeterRegistry meters;
    private final io.siamese.service.metrics.ResourceMetrics resources;
    private final String bootstrap;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean caughtUp;
    private volatile ModelLifecycle lifecycle;
    private Thread thread;

    CheckpointFollower(ServiceConfig config, ModelService models, MeterRegistry meters,
            io.siamese.service.metrics.ResourceMetrics resources,
            @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrap) {
        this.config = config;
        this.models = models;
        this.meters = meters;
        this.resources = resources;
        this.bootstrap = bootstrap;
    }

    void start(@Observes StartupEvent ev) {
        Optional<String> store = config.checkpoints().store();
        if (store.isEmpty()) {
            caughtUp = true;
            return;
        }
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
                });
        running.set(true);
        thread = new Thread(this::run, "checkpoint-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Map<String, Object> cfg = new HashMap<>(RegistrySettings.of(config.registry()));
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The topic must be created compacted by whoever owns it; never auto-create a plain one.
        cfg.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        ConfluentAvroDeserializer<ModelCheckpoint> values = new ConfluentAvroDeserializer<>(ModelCheckpoint.class);
        values.configure(cfg, false);
        try (KafkaConsumer<String, ModelCheckpoint> consumer = new KafkaConsumer<>(cfg, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = awaitPartitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, ModelCheckpoint> r : records) {
                    handle(r);
                }
                if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("checkpoint topic read: %s announced", lifecycle.announcedVersions());
                    lifecycle.apply();
                    caughtUp = true;
                } else if (caughtUp) {
                    lifecycle.apply();
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "checkpoint follower stopped: %s", e.getMessage());
        }
    }

    private void handle(ConsumerRecord<String, ModelCheckpoint> r) {
        if (Topics.PIN_KEY.equals(r.key())) {
            lifecycle.pin(r.value() == null ? null : r.value().getVersion());
        } else if (r.value() != null) {
            lifecycle.announced(r.value());
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, ModelCheckpoint> consumer) {
        String topic = config.checkpoints().topic();
        while (running.get()) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            LOG.infof("waiting for topic %s", topic);
        }
        return List.of();
    }

    /** Whether the topic has been read up to where it ended at start (ready to serve the newest). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The lifecycle, or empty when following is off (no checkpoint store configured). */
    public Optional<ModelLifecycle> lifecycle() {
        return Optional.ofNullable(lifecycle);
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(5_000);
        }
    }
}
