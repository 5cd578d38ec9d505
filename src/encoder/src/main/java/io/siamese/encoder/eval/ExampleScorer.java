package io.siamese.encoder.eval;

import io.siamese.encoder.Distance;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.model.Embedder;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a fixed list of examples (pairs or triplets, as image indices) through the network in
 * inference mode, in batches, the way the service does: side 0 through the left tower, the rest
 * through the right tower (the same tower in siamese mode).
 */
public final class ExampleScorer {

    private final Embedder embedder;
    private final int batchSize;

    /**
     * @param embedder embedder of the model under evaluation
     * @param batchSize examples per forward pass
     */
    public ExampleScorer(Embedder embedder, int batchSize) {
        this.embedder = embedder;
        this.batchSize = batchSize;
    }

    /**
     * @param data images
     * @param indices {@code indices[side][example]}
     * @param labels per example (0 same, 1 different)
     * @param distance distance between sides 0 and 1
     * @param progress called with examples done after each batch
     */
    public ScoredExamples score(
            LabelledImages data, int[][] indices, int[] labels, Distance distance, IntConsumer progress) {
        int sides = indices.length;
        int n = indices[0].length;
        float[][][] emb = new float[sides][n][];
        double[] distances = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int m = Math.min(batchSize, n - from);
            float[][][] batch = new float[sides][m][];
            for (int s = 0; s < sides; s++) {
                for (int i = 0; i < m; i++) {
                    batch[s][i] = data.tensor(indices[s][from + i]);
                }
            }
            float[][][] out = embedder.embedSides(batch);
            for (int i = 0; i < m; i++) {
                for (int s = 0; s < sides; s++) {
                    emb[s][from + i] = out[s][i];
                }
                distances[from + i] = distance.compute(out[0][i], out[1][i]);
            }
            progress.accept(from + m);
        }
        return new ScoredExamples(emb, distances, labels.clone());
    }

    /**
     * Distances of many pairs over few images: each image that occurs is embedded once by each
     * tower, then every pair is a distance between stored embeddings. All distinct pairs of n
     * images cost 2n embeddings instead of n(n-1).
     *
     * @param data images
     * @param indices {@code indices[side][pair]}, two sides
     * @param distance distance between a left and a right embedding
     * @param progress called with images embedded so far after each batch
     * @return one distance per pair
     */
    public double[] pairDistances(LabelledImages data, int[][] indices, Distance distance, IntConsumer progress) {
        int[] images = IntStream.concat(Arrays.stream(indices[0]), Arrays.stream(indices[1]))
                .distinct().sorted().toArray();
        float[][] left = new float[data.size()][];
        float[][] right = new float[data.size()][];
        for (int from = 0; from < images.length; from += batchSize) {
            int m = Math.min(batchSize, images.length - from);
            float[][] batch = new float[m][];
            for (int i = 0; i < m; i++) {
                batch[i] = data.tensor(images[from + i]);
            }
            float[][][] out = embedder.embedPairs(batch, batch);
            for (int i = 0; i < m; i++) {
                left[images[from + i]] = out[0][i];
                right[images[from + i]] = out[1][i];
            }
            progress.accept(from + m);
        }
        double[] distances = new double[indices[0].length];
        for (int i = 0; i < distances.length; i++) {
            distances[i] = distance.compute(left[indices[0][i]], right[indices[1][i]]);
        }
        return distances;
    }
}
