package io.siamese.cli.faults;

import io.siamese.localstack.LocalStack;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics and Kafka Streams application id of one scenario, so scenarios share a stack without sharing
 * records, consumer groups or internal topics.
 *
 * @param name        the scenario's name, also the application id's stem
 * @param input       its image-pairs topic
 * @param output      its results topic
 * @param deadLetter  its dead-letter topic
 * @param checkpoints its compacted checkpoint topic (followed only when a scenario sets a store)
 */
record ScenarioTopics(String name, String input, String output, String deadLetter, String checkpoints) {

    /** Input and output partitions: at least 2, so two instances share the load (as PipelineTopics makes 3). */
    static final int PARTITIONS = 3;

    /** @return names under {@code faults-<name>-<run>} for {@code name} */
    static ScenarioTopics of(String name, String run) {
        String stem = "faults-" + name + "-" + run;
        return new ScenarioTopics(name, stem + "-pairs", stem + "-results", stem + "-dlq", stem + "-checkpoints");
    }

    /** @return the Kafka Streams application id (consumer group, internal topic prefix) */
    String applicationId() {
        return input.substring(0, input.length() - "-pairs".length());
    }

    /** Creates the four topics on {@code stack}. */
    void create(LocalStack stack) {
        stack.createTopics(List.of(new NewTopic(input, PARTITIONS, (short) 1),
                new NewTopic(output, PARTITIONS, (short) 1), new NewTopic(deadLetter, 1, (short) 1),
                new NewTopic(checkpoints, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))));
    }

    /** @return the service properties that point an instance at these topics under this application id */
    Map<String, String> serviceProperties() {
        return Map.of("quarkus.kafka-streams.application-id", applicationId(),
                "siamese.topics.input", input,
                "siamese.topics.output", output,
                "siamese.topics.dead-letter", deadLetter,
                "siamese.checkpoints.topic", checkpoints);
    }
}
