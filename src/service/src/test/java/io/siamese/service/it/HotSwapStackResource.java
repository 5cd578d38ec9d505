package io.siamese.service.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
 * The service following a checkpoint topic, with a checkpoint store and an admin token, on topics
 * and an application id of its own (the broker is shared with other test classes).
 */
public class HotSwapStackResource implements QuarkusTestResourceLifecycleManager {

    static final String INPUT = "hs-pairs";
    static final String OUTPUT = "hs-results";
    static final String DLQ = "hs-dlq";
    static final String CHECKPOINTS = "hs-checkpoints";
    static final String TOKEN = "s3cret-test-token";

    static volatile String bootstrapServers;
    static volatile String registryUrl;
    static volatile Path store;
    static volatile String firstVersion;

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
            work = Files.createTempDirectory("siamese-hotswap-test");
            store = Files.createDirectories(work.resolve("store"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        firstVersion = TestCheckpoints.write(work.resolve("first"), 11, 0.5).version();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
        config.put("quarkus.kafka-streams.application-id", "siamese-hotswap-test");
        config.put("siamese.topics.input", INPUT);
        config.put("siamese.topics.output", OUTPUT);
        config.put("siamese.topics.dead-letter", DLQ);
        config.put("siamese.checkpoints.topic", CHECKPOINTS);
        config.put("siamese.checkpoints.store", store.toString());
        config.put("siamese.admin.token", TOKEN);
        config.put("siamese.registry.url", registryUrl);
        config.put("siamese.model.path", work.resolve("first").toString());
        config.put("siamese.model.warmup-batch-sizes", "1");
        config.put("kafka-streams.state.dir", work.resolve("state").toString());
        config.put("siamese.batch.max-size", "4");
        config.put("siamese.batch.max-linger", "10ms");
        return config;
    }

    @Override
    public void stop() {
        // Shared servers stop with the JVM.
    }
}
