package io.siamese.encoder.eval;

import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Pair;
import io.siamese.encoder.data.VerificationPairs;
import java.util.List;

/**
 * The evaluation protocol: which verification pairs a dataset is scored on. Fashion-MNIST uses
 * {@value #FASHION_MNIST_PAIRS} balanced pairs drawn from its 10,000 test images with a fixed
 * seed; a folder uses every image once as the left side of a pair, alternating same and
 * different partners. Fixed seeds make every figure reproducible.
 *
 * @param indices {@code indices[side][pair]}
 * @param labels 0 same, 1 different
 */
public record EvaluationPairs(int[][] indices, int[] labels) {

    /** Pairs scored on Fashion-MNIST. */
    public static final int FASHION_MNIST_PAIRS = 10_000;

    /** The fixed seed of the evaluation pairs. */
    public static final long SEED = 20_061_201L;

    /** The protocol's pairs for a dataset spec ({@code fashion-mnist} or a folder). */
    public static EvaluationPairs forDataset(String spec, LabelledImages data, Integer pairs) {
        List<Pair> drawn;
        if (pairs != null) {
            drawn = VerificationPairs.balanced(data, pairs, SEED);
        } else if (spec.equals("fashion-mnist")) {
            drawn = VerificationPairs.balanced(data, FASHION_MNIST_PAIRS, SEED);
        } else {
            drawn = VerificationPairs.allImages(data, SEED);
        }
        return of(drawn);
    }

    /** Converts a list of pairs. */
    public static EvaluationPairs of(List<Pair> pairs) {
        int[][] idx = new int[2][pairs.size()];
        int[] labels = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            idx[0][i] = pairs.get(i).left();
            idx[1][i] = pairs.get(i).right();
            labels[i] = pairs.get(i).label();
        }
        return new EvaluationPairs(idx, labels);
    }

    /** Number of pairs. */
    public int size() {
        return labels.length;
    }
}
