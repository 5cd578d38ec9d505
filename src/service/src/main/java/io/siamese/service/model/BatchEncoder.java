package io.siamese.service.model;

/**
 * Scores batches of preprocessed image pairs. The processors depend on this interface only, not
 * on DJL, so they can be tested with a fake.
 */
public interface BatchEncoder {

    /**
     * Scores {@code left.length} pairs in one forward pass.
     *
     * @param left preprocessed left images
     * @param right preprocessed right images
     * @return distances, decisions and the model that produced them
     */
    BatchScores score(float[][] left, float[][] right);

    /** The model currently served: what the next batch will run on. */
    ServedModel current();
}
