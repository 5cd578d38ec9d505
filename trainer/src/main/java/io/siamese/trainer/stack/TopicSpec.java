package io.siamese.trainer.stack;

import io.siamese.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create on the local broker (replication factor 1).
 *
 * @param name       the topic name
 * @param partitions number of partitions, at least 1
 * @param configs    topic-level settings such as {@code cleanup.policy}
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    /** Validates the spec. */
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least 1 partition, got " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** @return a topic with default settings */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of());
    }

    /**
     * The topics of the pipeline: requests spread over 3 partitions (so the service's stream tasks run in
     * parallel), results likewise, single-partition side topics, and compacted checkpoint announcements (only
     * the newest announcement per version matters).
     *
     * @return the specs for every name in {@link Topics}
     */
    public static List<TopicSpec> pipeline() {
        return List.of(
                of(Topics.IMAGE_PAIRS, 3),
                of(Topics.PAIR_DISSIMILARITIES, 3),
                of(Topics.IMAGE_PAIRS_DLQ, 1),
                of(Topics.LABELLED_PAIRS, 1),
                new TopicSpec(Topics.MODEL_CHECKPOINTS, 1, Map.of("cleanup.policy", "compact")));
    }
}
