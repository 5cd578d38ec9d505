package io.siamese.encoder.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws triplets: a uniformly random anchor, a positive of the anchor's class (a different image
 * whenever the class has more than one), and a negative uniformly random among all images of
 * other classes.
 *
 * <p>Seeded and reproducible, like {@link PairSampler}. Not thread-safe.
 */
public final class TripletSampler {

    private final ClassIndex classes;
    private final SplittableRandom random;

    /**
     * Creates a sampler.
     *
     * @param images the dataset; needs at least two non-empty classes
     * @param seed the random seed
     * @throws IllegalArgumentException if the dataset cannot yield negatives
     */
    public TripletSampler(LabelledImages images, long seed) {
        this.classes = ClassIndex.of(Objects.requireNonNull(images, "images"));
        if (classes.nonEmptyClassCount() < 2) {
            throw new IllegalArgumentException("triplet sampling needs images of at least 2 classes; "
                    + images.description() + " has " + classes.nonEmptyClassCount());
        }
        this.random = new SplittableRandom(seed);
    }

    /**
     * Draws the next triplet.
     *
     * @return the triplet
     */
    public Triplet next() {
        int anchor = random.nextInt(classes.size());
        int label = classes.labelOf(anchor);
        int positive = classes.randomOfClassExcept(label, anchor, random);
        int negative = classes.randomNotOfClass(label, random);
        return new Triplet(anchor, positive, negative);
    }

    /**
     * Draws the next {@code count} triplets.
     *
     * @param count how many, not negative
     * @return the triplets, in draw order
     */
    public List<Triplet> sample(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        List<Triplet> triplets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            triplets.add(next());
        }
        return triplets;
    }
}
