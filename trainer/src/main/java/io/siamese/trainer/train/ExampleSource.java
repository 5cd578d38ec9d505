package io.siamese.trainer.train;

import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.PairSampler;
import io.siamese.encoder.data.TripletSampler;
import io.siamese.encoder.loss.LossKind;

/**
 * Draws training examples the loss needs: pairs by the seed's rule (about half same-class) for
 * contrastive loss, anchor/positive/negative triplets for triplet loss. Each example is a row of
 * image indices plus a label (0 same, 1 different; unused for triplets).
 */
final class ExampleSource {

    private final PairSampler pairs;
    private final TripletSampler triplets;

    ExampleSource(LossKind loss, LabelledImages data, long seed) {
        this.pairs = loss == LossKind.CONTRASTIVE ? new PairSampler(data, seed) : null;
        this.triplets = loss == LossKind.TRIPLET ? new TripletSampler(data, seed) : null;
    }

    /**
     * Fills {@code indices[side][i]} and {@code labels[i]} with {@code labels.length} new examples.
     */
    void next(int[][] indices, float[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (pairs != null) {
                var p = pairs.next();
                indices[0][i] = p.left();
                indices[1][i] = p.right();
                labels[i] = p.label();
            } else {
                var t = triplets.next();
                indices[0][i] = t.anchor();
                indices[1][i] = t.positive();
                indices[2][i] = t.negative();
                labels[i] = 0;
            }
        }
    }
}
