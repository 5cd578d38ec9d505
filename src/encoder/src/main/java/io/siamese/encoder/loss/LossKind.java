package io.siamese.encoder.loss;

import ai.djl.training.loss.Loss;
import io.siamese.encoder.Distance;
import java.util.Locale;

/** The training objectives this product offers. */
public enum LossKind {
    /** Pairs with a same/different label; the seed's objective. */
    CONTRASTIVE(ContrastiveLoss.DEFAULT_MARGIN),
    /** Anchor, positive and negative; the triplet network's objective. */
    TRIPLET(TripletLoss.DEFAULT_MARGIN);

    private final float defaultMargin;

    LossKind(float defaultMargin) {
        this.defaultMargin = defaultMargin;
    }

    /** The margin used when none is given: 2.0 for contrastive (the seed's), 1.0 for triplet. */
    public float defaultMargin() {
        return defaultMargin;
    }

    /**
     * The margin used when none is given, for a distance: as {@link #defaultMargin()}, except
     * contrastive loss on cosine distance, which takes 1.0 (different-class embeddings pushed to
     * right angles; 2.0 would ask every one to point the opposite way).
     */
    public float defaultMargin(Distance distance) {
        return this == CONTRASTIVE && distance == Distance.COSINE ? 1.0f : defaultMargin;
    }

    /** Inputs per training example: 2 (a pair) or 3 (a triplet). */
    public int arity() {
        return this == CONTRASTIVE ? 2 : 3;
    }

    /** Builds the DJL loss. */
    public Loss create(float margin, Distance distance) {
        return this == CONTRASTIVE ? new ContrastiveLoss(margin, distance) : new TripletLoss(margin, distance);
    }

    /** The lower-case name used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code contrastive} or {@code triplet}. */
    public static LossKind parse(String name) {
        for (LossKind k : values()) {
            if (k.id().equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; known: contrastive, triplet");
    }
}
