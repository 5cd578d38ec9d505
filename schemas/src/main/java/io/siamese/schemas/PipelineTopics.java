package io.siamese.schemas;

import io.siamese.schemas.registry.SchemaRegistryClient;
import io.siamese.schemas.serde.TopicNameStrategy;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The pipeline's topics as a deployment creates them, and the value schema of each, so that the local stack,
 * the tests and a deployment job lay out the same pipeline.
 */
public final class PipelineTopics {

    private PipelineTopics() {
    }

    /**
     * The topics of the pipeline: requests spread over 3 partitions (so the service's stream tasks run in
     * parallel), results likewise, single-partition side topics, and compacted checkpoint announcements (only
     * the newest announcement per version matters).
     *
     * @param replicationFactor replicas per partition (1 on a single local broker)
     * @return one {@link NewTopic} for every name in {@link Topics}
     */
    public static List<NewTopic> all(short replicationFactor) {
        return List.of(
                new NewTopic(Topics.IMAGE_PAIRS, 3, replicationFactor),
                new NewTopic(Topics.PAIR_DISSIMILARITIES, 3, replicationFactor),
                new NewTopic(Topics.IMAGE_PAIRS_DLQ, 1, replicationFactor),
                new NewTopic(Topics.LABELLED_PAIRS, 1, replicationFactor),
                new NewTopic(Topics.MODEL_CHECKPOINTS, 1, replicationFactor)
                        .configs(Map.of("cleanup.policy", "compact")));
    }

    /** @return each pipeline topic's value schema */
    public static Map<String, Schema> valueSchemas() {
        return Map.of(
                Topics.IMAGE_PAIRS, ImagePair.getClassSchema(),
                Topics.PAIR_DISSIMILARITIES, PairDissimilarity.getClassSchema(),
                Topics.IMAGE_PAIRS_DLQ, DeadLetter.getClassSchema(),
                Topics.LABELLED_PAIRS, LabelledPair.getClassSchema(),
                Topics.MODEL_CHECKPOINTS, ModelCheckpoint.getClassSchema());
    }

    /**
     * Registers every value schema under its TopicNameStrategy subject, as a deployment pipeline would, so that
     * producers and the service may run with {@code auto.register.schemas=false}.
     *
     * @param registry the schema registry
     */
    public static void registerSchemas(SchemaRegistryClient registry) {
        valueSchemas().forEach((topic, schema) -> registry.register(TopicNameStrategy.subject(topic, false), schema));
    }
}
