package io.siamese.schemas;

import io.siamese.schemas.registry.SchemaRegistryClient;
import io.siamese.schemas.serde.TopicNameStrategy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
     * Every subject of the pipeline under TopicNameStrategy with its schema: each topic's value schema, and the
     * Avro {@code string} key schema, which Confluent's Avro producers use for string keys and which the service
     * mirrors onto its results.
     *
     * @return subject to schema, in subject order
     */
    public static Map<String, Schema> subjects() {
        Map<String, Schema> subjects = new TreeMap<>();
        valueSchemas().forEach((topic, schema) -> {
            subjects.put(TopicNameStrategy.subject(topic, false), schema);
            subjects.put(TopicNameStrategy.subject(topic, true), Schema.create(Schema.Type.STRING));
        });
        return subjects;
    }

    /**
     * Registers every subject of {@link #subjects()}, as a deployment pipeline would, so that producers and the
     * service may run with {@code auto.register.schemas=false}.
     *
     * @param registry the schema registry
     * @return subject to schema id
     */
    public static Map<String, Integer> registerSchemas(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new TreeMap<>();
        subjects().forEach((subject, schema) -> ids.put(subject, registry.register(subject, schema)));
        return ids;
    }
}
