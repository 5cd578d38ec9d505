package io.siamese.service.it;

import io.siamese.localstack.LocalStack;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Topics and an application id of one test run's own, on a stack other tests share, so that runs never read
 * each other's records.
 *
 * @param input       the pairs topic
 * @param output      the results topic
 * @param deadLetters the dead-letter topic
 * @param application the Kafka Streams application id
 */
record RunTopics(String input, String output, String deadLetters, String application) {

    /** Creates the three topics, one partition each, named after {@code prefix} and a random suffix. */
    static RunTopics create(LocalStack stack, String prefix) {
        return create(stack, prefix, 1);
    }

    /** Likewise, with {@code inputPartitions} partitions of the pairs topic. */
    static RunTopics create(LocalStack stack, String prefix, int inputPartitions) {
        String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        RunTopics topics = new RunTopics(run + "-pairs", run + "-results", run + "-dlq", run);
        stack.createTopic(topics.input(), inputPartitions);
        stack.createTopic(topics.output(), 1);
        stack.createTopic(topics.deadLetters(), 1);
        return topics;
    }

    /** @return the service properties that point it at these topics, plus {@code extra} */
    Map<String, String> serviceProperties(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of("siamese.topics.input", input, "siamese.topics.output", output,
                "siamese.topics.dead-letter", deadLetters, "quarkus.kafka-streams.application-id", application));
        p.putAll(extra);
        return p;
    }
}
