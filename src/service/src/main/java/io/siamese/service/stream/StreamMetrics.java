package io.siamese.service.stream;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.service.model.ServedModel;

/** What the pipeline reports about itself. The processor depends on this, not on Micrometer. */
public interface StreamMetrics {

    /** Reports nothing (tests). */
    StreamMetrics NONE = new StreamMetrics() {};

    /** A record arrived on the input topic. */
    default void received() {}

    /** A batch was scored. */
    default void batch(int size, long inferenceNanos) {}

    /** A result was published. */
    default void result(ServedModel model, double distance, boolean same, long queuedMillis, long endToEndMillis) {}

    /** A dead letter was published. */
    default void deadLetter(String kind) {}

    /** A pair was scored and its result published (the live page keeps the most recent ones). */
    default void published(ImagePair pair, PairDissimilarity result) {}

    /** A stage used {@code cpuNanos} of its thread's CPU time. */
    default void stageCpu(CpuStage stage, long cpuNanos) {}
}
