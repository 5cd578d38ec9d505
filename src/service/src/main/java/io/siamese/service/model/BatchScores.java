package io.siamese.service.model;

/**
 * The result of one batch.
 *
 * @param model the model that produced every score in the batch
 * @param distances one per pair
 * @param leftEmbeddings one per pair
 * @param rightEmbeddings one per pair
 * @param inferenceNanos wall time of the forward pass
 */
public record BatchScores(
        ServedModel model, double[] distances, float[][] leftEmbeddings, float[][] rightEmbeddings, long inferenceNanos) {

    /** Whether pair {@code i} is judged SAME: distance at or below the model's threshold. */
    public boolean same(int i) {
        return distances[i] <= model.threshold();
    }
}
