package io.siamese.service.live;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.siamese.service.it.CheckpointTestStack;
import io.siamese.service.it.TestCheckpoints;
import java.nio.file.Path;
import java.util.Map;

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
        CheckpointTestStack stack = CheckpointTestStack.create("siamese-live-test", INPUT, OUTPUT, DLQ, CHECKPOINTS);
        bootstrapServers = stack.bootstrapServers();
        registryUrl = stack.registryUrl();
        store = stack.store();
        TestCheckpoints.write(stack.work().resolve("first"), 7, 0.5, 32);
        trainer = FakeTrainer.start();
        Map<String, String> config = stack.serviceConfig(stack.work().resolve("first"), "15ms");
        config.put("siamese.live.trainer-metrics-url", trainer.url());
        config.put("siamese.live.trainer-poll-interval", "200ms");
        return config;
    }

    @Override
    public void stop() {
        if (trainer != null) {
            trainer.close();
        }
    }
}
