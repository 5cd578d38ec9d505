package io.siamese.schemas;

/**
 * Names of the Kafka topics that carry the Avro contracts of this module.
 *
 * <p>Keys are plain UTF-8 strings (the pair id, or the model version for checkpoints); values are Avro in the
 * Confluent wire format, registered under the TopicNameStrategy subject {@code <topic>-value}.
 */
public final class Topics {

    /** {@link ImagePair} requests, keyed by pair id. */
    public static final String IMAGE_PAIRS = "image-pairs";

    /** {@link PairDissimilarity} results, keyed by pair id. */
    public static final String PAIR_DISSIMILARITIES = "pair-dissimilarities";

    /** {@link DeadLetter} records for inputs of {@link #IMAGE_PAIRS} that could not be processed. */
    public static final String IMAGE_PAIRS_DLQ = "image-pairs-dlq";

    /** {@link LabelledPair} ground truth for training and evaluation, keyed by pair id. */
    public static final String LABELLED_PAIRS = "labelled-pairs";

    /** {@link ModelCheckpoint} announcements, keyed by model version. */
    public static final String MODEL_CHECKPOINTS = "model-checkpoints";

    /**
     * Key of the operator's pin in {@link #MODEL_CHECKPOINTS}: its value names the version every service serves
     * (only {@code version} is read); a tombstone unpins.
     */
    public static final String PIN_KEY = "pin";

    private Topics() {
    }
}
