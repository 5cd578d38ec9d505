package io.siamese.encoder.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws training pairs with the original Siamese recipe: a random first image, then a fair coin;
 * heads draws random images until one of the same class turns up, tails takes a random image of
 * a different class. The result is about half same-class pairs whatever the class balance.
 *
 * <p>"Draw until the same class turns up" is implemented as a single uniform draw from the first
 * image's class, which has exactly the same distribution without the retries. That class
 * includes the first image itself, so a pair of an image with itself can occur (with probability
 * 1 / class size), as in the original rule.
 *
 * <p>Seeded and reproducible: the same dataset and seed give the same sequence, on any JVM
 * ({@link SplittableRandom}'s algorithm is specified). Not thread-safe; use one per thread.
 */
public final class PairSampler {

    private final ClassIndex classes;
    private final SplittableRandom random;

    /**
     * Creates a sampler.
     *
     * @param images the dataset; needs at least two non-empty classes
     * @param seed the random seed
     * @throws IllegalArgumentException if the dataset cannot yield different-class pairs
     */
    public PairSampler(LabelledImages images, long seed) {
        this.classes = ClassIndex.of(Objects.requireNonNull(images, "images"));
        if (classes.nonEmptyClassCount() < 2) {
            throw new IllegalArgumentException("pair sampling needs images of at least 2 classes; "
                    + images.description() + " has " + classes.nonEmptyClassCount());
        }
        this.random = new SplittableRandom(seed);
    }

    /**
     * Draws the next pair.
     *
     * @return a pair labelled {@link Pair#SAME} or {@link Pair#DIFFERENT}
     */
    public Pair next() {
        int left = random.nextInt(classes.size());
        int label = classes.labelOf(left);
        if (random.nextBoolean()) {
            return new Pair(left, classes.randomOfClass(label, random), Pair.SAME);
        }
        return new Pair(left, classes.randomNotOfClass(label, random), Pair.DIFFERENT);
    }

    /**
     * Draws the next {@code count} pairs.
     *
     * @param count how many pairs, not negative
     * @return the pairs, in draw order
     */
    public List<Pair> sample(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        List<Pair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(next());
        }
        return pairs;
    }
}
