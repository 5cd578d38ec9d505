package io.siamese.encoder.eval;

import io.siamese.encoder.data.DistinctPairs;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Pair;
import io.siamese.encoder.data.VerificationPairs;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The evaluation protocol: which verification pairs a dataset is scored on.
 *
 * <ul>
 *   <li>Fashion-MNIST: the fixed {@value #FASHION_MNIST_PAIRS} balanced pairs drawn with a fixed
 *       seed from its 10,000 test images ({@link Kind#FIXED_DRAW}); published figures depend on
 *       exactly these pairs. A few of them may repeat: {@link #distinctPairs()} says how many.</li>
 *   <li>A folder: every distinct unordered pair of distinct images when there are at most
 *       {@value #DISTINCT_PAIR_CAP} ({@link Kind#ALL_DISTINCT}), else a seeded sample of that many
 *       distinct pairs, balanced as far as the data allows ({@link Kind#DISTINCT_SAMPLE}).</li>
 *   <li>{@code --pairs N}: N distinct pairs the same way, or all of them when there are fewer.</li>
 * </ul>
 *
 * @param indices {@code indices[side][pair]}
 * @param labels 0 same, 1 different
 * @param kind how the pairs were chosen
 * @param available distinct pairs the dataset offers
 * @param images distinct images that occur in a pair
 * @param classes distinct classes that occur in a pair
 */
public record EvaluationPairs(int[][] indices, int[] labels, Kind kind, long available, int images, int classes) {

    /** How the pairs were chosen. */
    public enum Kind {
        /** Every distinct pair of the dataset. */
        ALL_DISTINCT("all distinct pairs"),
        /** A seeded sample of distinct pairs, none twice. */
        DISTINCT_SAMPLE("seeded sample of distinct pairs"),
        /** A fixed seeded draw with replacement, kept for published figures. */
        FIXED_DRAW("fixed seeded draw (with replacement)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** A few words for people. */
        public String description() {
            return description;
        }
    }

    /** Pairs scored on Fashion-MNIST. */
    public static final int FASHION_MNIST_PAIRS = 10_000;

    /** The most distinct pairs a folder is scored on before they are sampled. */
    public static final int DISTINCT_PAIR_CAP = 200_000;

    /** The fixed seed of the evaluation pairs. */
    public static final long SEED = 20_061_201L;

    /** The protocol's pairs for a dataset spec ({@code fashion-mnist} or a folder). */
    public static EvaluationPairs forDataset(String spec, LabelledImages data, Integer pairs) {
        if (pairs == null && spec.equals("fashion-mnist")) {
            List<Pair> drawn = VerificationPairs.balanced(data, FASHION_MNIST_PAIRS, SEED);
            long n = data.size();
            return of(drawn, data, Kind.FIXED_DRAW, n * (n - 1) / 2);
        }
        DistinctPairs distinct = DistinctPairs.choose(data, pairs != null ? pairs : DISTINCT_PAIR_CAP, SEED);
        return of(distinct.pairs(), data, distinct.complete() ? Kind.ALL_DISTINCT : Kind.DISTINCT_SAMPLE,
                distinct.sameAvailable() + distinct.differentAvailable());
    }

    private static EvaluationPairs of(List<Pair> pairs, LabelledImages data, Kind kind, long available) {
        int[][] idx = new int[2][pairs.size()];
        int[] labels = new int[pairs.size()];
        BitSet images = new BitSet(data.size());
        BitSet classes = new BitSet(data.numClasses());
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            idx[0][i] = pair.left();
            idx[1][i] = pair.right();
            labels[i] = pair.label();
            for (int image : new int[] {pair.left(), pair.right()}) {
                images.set(image);
                classes.set(data.label(image));
            }
        }
        return new EvaluationPairs(idx, labels, kind, available, images.cardinality(), classes.cardinality());
    }

    /** Number of pairs. */
    public int size() {
        return labels.length;
    }

    /** Number of same-class pairs. */
    public int sameCount() {
        int same = 0;
        for (int label : labels) {
            same += label == Pair.SAME ? 1 : 0;
        }
        return same;
    }

    /** Number of different-class pairs. */
    public int differentCount() {
        return size() - sameCount();
    }

    /** Number of distinct unordered pairs among the scored ones. */
    public int distinctPairs() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < size(); i++) {
            long low = Math.min(indices[0][i], indices[1][i]);
            long high = Math.max(indices[0][i], indices[1][i]);
            seen.add(low << 32 | high);
        }
        return seen.size();
    }
}
