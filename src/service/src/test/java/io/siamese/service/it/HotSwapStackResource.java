package io.siamese.service.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

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

    @Override
    public Map<String, String> start() {
        CheckpointTestStack stack = CheckpointTestStack.create("siamese-hotswap-test", INPUT, OUTPUT, DLQ, CHECKPOINTS);
        bootstrapServers = stack.bootstrapServers();
        registryUrl = stack.registryUrl();
        store = stack.store();
        TestCheckpoints.write(stack.work().resolve("first"), 11, 0.5);
        Map<String, String> config = stack.serviceConfig(stack.work().resolve("first"), "10ms");
        config.put("siamese.admin.token", TOKEN);
        return config;
    }

    @Override
    public void stop() {
        // Shared servers stop with the JVM.
    }
}
