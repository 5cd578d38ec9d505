package io.siamese.encoder.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The JSON manifest stored beside a checkpoint's parameters. Everything needed to rebuild the
 * network and its preprocessing, to decide (threshold, distance), and to know where it came from.
 *
 * @param formatVersion manifest format, {@value #FORMAT_VERSION} today
 * @param version unique version id of this checkpoint
 * @param parentVersion version it was warm-started from, or null
 * @param architecture tower architecture id ({@code seed}, {@code compact})
 * @param mode {@code siamese} or {@code pseudo}
 * @param inputSize square input size in pixels
 * @param embeddingDim embedding size
 * @param preprocessing how images are turned into tensors (must match between training and serving)
 * @param distance distance id ({@code euclidean}, {@code cosine}, {@code exponential})
 * @param loss {@code contrastive} or {@code triplet}
 * @param margin the loss margin
 * @param threshold calibrated decision threshold: distance at or below it means SAME
 * @param training summary of the training data and run
 * @param metrics named figures measured on validation data (accuracy, auc, eer, loss...)
 * @param createdAt ISO-8601 creation time
 * @param parametersFile parameter file name inside the checkpoint directory
 * @param parametersSha256 hex sha256 of the parameter file
 * @param framework what wrote the parameters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        int formatVersion,
        String version,
        String parentVersion,
        String architecture,
        String mode,
        int inputSize,
        int embeddingDim,
        PreprocessingSpec preprocessing,
        String distance,
        String loss,
        double margin,
        double threshold,
        TrainingSummary training,
        Map<String, Double> metrics,
        String createdAt,
        String parametersFile,
        String parametersSha256,
        String framework) {

    /** The manifest format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Preprocessing as recorded in a manifest.
     *
     * @param width model input width
     * @param height model input height
     * @param invert whether gray levels are inverted
     * @param grayscale grayscale rule ({@code L}: PIL's ITU-R 601-2 luma)
     * @param scale value range ({@code 0..1})
     */
    public record PreprocessingSpec(int width, int height, boolean invert, String grayscale, String scale) {}

    /**
     * Where the weights came from.
     *
     * @param dataset dataset description
     * @param images images in the training split
     * @param classes classes in the training split
     * @param pairs pairs (or triplets) seen in training
     * @param epochs epochs run
     * @param batchSize batch size
     * @param learningRate Adam learning rate
     * @param seed random seed
     * @param recipe how it was trained beyond the above (mining, augmentation, learning-rate
     *     schedule), for example {@code "mining batch-hard, augment shift, warm-up 5% + cosine from
     *     0.001"}; null in checkpoints written before recipes were recorded
     */
    public record TrainingSummary(
            String dataset, int images, int classes, long pairs, int epochs, int batchSize,
            double learningRate, long seed, String recipe) {

        /** A summary without a recipe: the seed's way (random pairs, no augmentation, fixed rate). */
        public TrainingSummary(String dataset, int images, int classes, long pairs, int epochs, int batchSize,
                double learningRate, long seed) {
            this(dataset, images, classes, pairs, epochs, batchSize, learningRate, seed, null);
        }
    }

    /** A copy with another threshold and metrics (after calibration). */
    public Manifest withCalibration(double newThreshold, Map<String, Double> newMetrics) {
        return new Manifest(formatVersion, version, parentVersion, architecture, mode, inputSize,
                embeddingDim, preprocessing, distance, loss, margin, newThreshold, training, newMetrics,
                createdAt, parametersFile, parametersSha256, framework);
    }

    /** A copy naming the parameter file and its hash (set when saving). */
    public Manifest withParameters(String file, String sha256) {
        return new Manifest(formatVersion, version, parentVersion, architecture, mode, inputSize,
                embeddingDim, preprocessing, distance, loss, margin, threshold, training, metrics,
                createdAt, file, sha256, framework);
    }
}
