package io.siamese.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;

/**
 * A trained tower's weights in the order its {@link TowerGraph} code reads them, copied into the
 * graph's own manager (a snapshot: later training does not reach a graph built before it).
 *
 * <p>Compact: each convolution with its BatchNorm folded in (the BatchNorm follows the convolution
 * directly, so {@code W' = W * s}, {@code b' = (b - mean) * s + beta} with
 * {@code s = gamma / sqrt(var + eps)}), then the two linear layers. Seed: per block the
 * convolution's weight and bias and the BatchNorm's gamma, beta, mean and variance (it follows the
 * ReLU, so it stays an operator), then the three linear layers.
 */
final class TowerWeights {

    /** DJL's BatchNorm epsilon (its builder's default, which {@link Architecture} keeps). */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private TowerWeights() {}

    /** The weights of {@code tower}, an {@link Architecture#tower} block, in {@code manager}. */
    static NDList of(Architecture architecture, Block tower, NDManager manager) {
        NDList raw = new NDList();
        for (Pair<String, Block> child : tower.getChildren()) {
            Block b = child.getValue();
            if (b instanceof Conv2d || b instanceof Linear) {
                raw.add(copy(b, "weight", manager));
                raw.add(copy(b, "bias", manager));
            } else if (b instanceof BatchNorm) {
                raw.add(copy(b, "gamma", manager));
                raw.add(copy(b, "beta", manager));
                raw.add(copy(b, "runningMean", manager));
                raw.add(copy(b, "runningVar", manager));
            }
        }
        return architecture == Architecture.COMPACT ? foldCompact(raw) : raw;
    }

    /** raw: 4 x (conv w, b, bn gamma, beta, mean, var), then 2 x (linear w, b). */
    private static NDList foldCompact(NDList raw) {
        NDList out = new NDList();
        for (int i = 0; i < 4; i++) {
            int k = 6 * i;
            NDArray w = raw.get(k);
            NDArray b = raw.get(k + 1);
            NDArray scale = raw.get(k + 2).div(raw.get(k + 5).add(BATCH_NORM_EPSILON).sqrt());
            out.add(w.mul(scale.reshape(-1, 1, 1, 1)));
            out.add(b.sub(raw.get(k + 4)).mul(scale).add(raw.get(k + 3)));
        }
        for (int i = 24; i < raw.size(); i++) {
            out.add(raw.get(i));
        }
        return out;
    }

    private static NDArray copy(Block block, String name, NDManager manager) {
        NDArray a = block.getParameters().get(name).getArray();
        NDArray c = a.duplicate();
        c.attach(manager);
        return c;
    }
}
