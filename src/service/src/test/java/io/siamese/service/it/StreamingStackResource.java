package io.siamese.service.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts what the service needs for real: the shared local stack's KRaft broker and Apicurio registry
 * (child processes), creates the topics, writes a small checkpoint, and points the service at
 * them. Both servers are shared by the test JVM and stopped by its shutdown hook.
 */
public class StreamingStackResource implements QuarkusTestResourceLifecycleManager {

    static volatile String bootstrapServers;
    static volatile String registryUrl;

    @Override
    public Map<String, String> start() {
        LocalStack stack = SharedLocalStack.get();
        bootstrapServers = stack.bootstrapServers();
        registryUrl = stack.registryUrl();
        stack.createTopic(Topics.IMAGE_PAIRS, 2);
        stack.createTopic(Topics.PAIR_DISSIMILARITIES, 2);
        stack.createTopic(Topics.IMAGE_PAIRS_DLQ, 1);
        Path work;
        try {
            work = Files.createTempDirectory("siamese-service-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TestCheckpoints.write(work.resolve("model"), 1, 0.5);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
        config.put("siamese.registry.url", registryUrl);
        config.put("siamese.model.path", work.resolve("model").toString());
        config.put("siamese.model.warmup-batch-sizes", "1");
        config.put("kafka-streams.state.dir", work.resolve("state").toString());
        config.put("siamese.batch.max-size", "8");
        config.put("siamese.batch.max-linger", "20ms");
        return config;
    }

    @Override
    public void stop() {
        // The shared stack stops when the test JVM exits.
    }
}
