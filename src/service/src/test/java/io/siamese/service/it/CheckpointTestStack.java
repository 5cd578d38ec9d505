package io.siamese.service.it;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What a Quarkus test resource needs to run the service against the shared broker and registry
 * with hot-swap on: its own topics (pairs, results, dead letters and a compacted checkpoint topic),
 * a work directory with a checkpoint store, and the service configuration pointing at all of them.
 *
 * @param name application id and work-directory prefix, unique per test resource
 * @param input image-pairs topic
 * @param output results topic
 * @param deadLetter dead-letter topic
 * @param checkpoints compacted checkpoint topic
 * @param bootstrapServers the shared broker
 * @param registryUrl the shared registry's Confluent API
 * @param work a fresh temporary directory
 * @param store the checkpoint store, {@code work/store}
 */
public record CheckpointTestStack(String name, String input, String output, String deadLetter, String checkpoints,
        String bootstrapServers, String registryUrl, Path work, Path store) {

    /** Creates the topics (idempotently) and the directories. */
    public static CheckpointTestStack create(String name, String input, String output, String deadLetter,
            String checkpoints) {
        LocalStack stack = SharedLocalStack.get();
        stack.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1),
                new NewTopic(deadLetter, 1, (short) 1),
                new NewTopic(checkpoints, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))));
        try {
            Path work = Files.createTempDirectory(name);
            Path store = Files.createDirectories(work.resolve("store"));
            return new CheckpointTestStack(name, input, output, deadLetter, checkpoints, stack.bootstrapServers(),
                    stack.registryUrl(), work, store);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The service configuration: these topics and store, {@code model} served at start, batches of at
     * most 4 pairs; callers add their own keys (a mutable map).
     */
    public Map<String, String> serviceConfig(Path model, String maxLinger) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers);
        config.put("quarkus.kafka-streams.application-id", name);
        config.put("siamese.topics.input", input);
        config.put("siamese.topics.output", output);
        config.put("siamese.topics.dead-letter", deadLetter);
        config.put("siamese.checkpoints.topic", checkpoints);
        config.put("siamese.checkpoints.store", store.toString());
        config.put("siamese.registry.url", registryUrl);
        config.put("siamese.model.path", model.toString());
        config.put("siamese.model.warmup-batch-sizes", "1");
        config.put("kafka-streams.state.dir", work.resolve("state").toString());
        config.put("siamese.batch.max-size", "4");
        config.put("siamese.batch.max-linger", maxLinger);
        return config;
    }
}
