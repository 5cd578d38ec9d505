package io.siamese.encoder.loss;

import ai.djl.training.loss.Loss;
import io.siamese.encoder.Distance;

/** A loss on embedding distances with a margin: what every loss here shares (margin check, distance). */
abstract class MarginLoss extends Loss {

    /** How far pairs are pushed before they stop contributing; positive. */
    protected final float margin;
    /** The distance the loss is computed on. */
    protected final Distance distance;

    MarginLoss(String name, float margin, Distance distance) {
        super(name);
        if (!(margin > 0)) {
            throw new IllegalArgumentException("margin must be positive, got " + margin);
        }
        this.margin = margin;
        this.distance = distance;
    }

    /** The margin this loss was built with. */
    public float margin() {
        return margin;
    }
}
