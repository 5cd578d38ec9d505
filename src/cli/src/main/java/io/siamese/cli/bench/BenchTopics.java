package io.siamese.cli.bench;

import io.siamese.localstack.LocalStack;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Fresh topics and a fresh application id per measured setting, so each run starts from an empty
 * pipeline and no run reads another's records.
 *
 * @param input image pairs
 * @param output results
 * @param deadLetters dead letters
 * @param applicationId Kafka Streams application id
 */
record BenchTopics(String input, String output, String deadLetters, String applicationId) {

    static BenchTopics create(LocalStack stack, String run, int partitions) {
        BenchTopics t = new BenchTopics("bench-" + run + "-pairs", "bench-" + run + "-results",
                "bench-" + run + "-dlq", "bench-" + run);
        // One input partition per stream thread: each thread owns one task and batches its own pairs.
        stack.createTopics(List.of(new NewTopic(t.input, partitions, (short) 1), new NewTopic(t.output, 1, (short) 1),
                new NewTopic(t.deadLetters, 1, (short) 1)));
        return t;
    }

    /** The service properties pointing at these topics. */
    Map<String, String> serviceProperties() {
        return Map.of("siamese.topics.input", input, "siamese.topics.output", output,
                "siamese.topics.dead-letter", deadLetters, "quarkus.kafka-streams.application-id", applicationId);
    }
}
