package io.siamese.service.live;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.siamese.service.it.TestCheckpoints;
import io.siamese.testing.ApicurioRegistryServer;
import io.siamese.testing.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The service for the live page test: a real broker and registry (shared with the other test
 * classes, so topics and the application id are its own), a checkpoint store and topic so the
 * page has a model history, and a fake trainer so it has a loss curve. Starts on an untrained
 * 32x32 model that the test replaces with the shipped one.
 */
public class LiveStackResource implements QuarkusTestResourceLifecycleManager {

    static final String INPUT = "live-pairs";
    static final String OUTPUT = "live-results";
    static final String DLQ = "live-dlq";
    static final String CHECKPOINTS = "live-checkpoints";

    static volatile String bootstrapServers;
    static volatile String registryUrl;
    static volatile Path store;
    private FakeTrainer trainer;

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        bootstrapServers = broker.bootstrapServers();
        registryUrl = ApicurioRegistryServer.shared().confluentUrl();
        broker.createTopic(INPUT, 1);
        broker.createTopic(OUTPUT, 1);
        broker.createTopic(DLQ, 1);
        try {
            broker.admin().createTopics(List.of(new NewTopic(CHECKPOINTS, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
        Path work;
        try {
            work = Files.createTempDirectory("siamese-live-test");
            store = Files.createDirectories(work.resolve("store"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TestCheckpoints.write(work.resolve("first"), 7, 0.5, 32);
        trainer = FakeTrainer.start();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
        config.put("quarkus.kafka-streams.application-id", "siamese-live-test");
        config.put("siamese.topics.input", INPUT);
        config.put("siamese.topics.output", OUTPUT);
        config.put("siamese.topics.dead-letter", DLQ);
        config.put("siamese.checkpoints.topic", CHECKPOINTS);
        config.put("siamese.checkpoints.store", store.toString());
        config.put("siamese.registry.url", registryUrl);
        config.put("siamese.model.path", work.resolve("first").toString());
        config.put("siamese.model.warmup-batch-sizes", "1");
        config.put("siamese.live.trainer-metrics-url", trainer.url());
        config.put("siamese.live.trainer-poll-interval", "200ms");
        config.put("kafka-streams.state.dir", work.resolve("state").toString());
        config.put("siamese.batch.max-size", "4");
        config.put("siamese.batch.max-linger", "15ms");
        return config;
    }

    @Override
    public void stop() {
        if (trainer != null) {
            trainer.close();
        }
    }
}
