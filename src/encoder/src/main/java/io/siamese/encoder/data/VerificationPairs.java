package io.siamese.encoder.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fixed, balanced pair lists for evaluating verification (same class or not?), so that accuracy
 * and ROC figures are comparable between runs and models. Even positions hold same-class pairs
 * and odd positions different-class pairs. Same-class pairs never pair an image with itself,
 * which would be a trivially easy positive.
 */
public final class VerificationPairs {

    private VerificationPairs() {
    }

    /**
     * Exactly {@code count / 2} same-class and {@code count / 2} different-class pairs, drawn
     * uniformly with replacement; deterministic for a given seed. An odd count is honoured with
     * one extra same-class pair (the last, at an even position).
     *
     * @param images the dataset; needs two non-empty classes and a class with two images
     * @param count the number of pairs, not negative
     * @param seed the random seed
     * @return the pairs, alternating same and different
     */
    public static List<Pair> balanced(LabelledImages images, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("pair count must not be negative, got " + count);
        }
        ClassIndex classes = checkedIndex(images);
        int[] pairable = pairableImages(classes);
        SplittableRandom random = new SplittableRandom(seed);
        List<Pair> pairs = new ArrayList<>(count);
        for (int position = 0; position < count; position++) {
            if (position % 2 == 0) {
                pairs.add(sameClassPair(classes, pairable[random.nextInt(pairable.length)], random));
            } else {
                int left = random.nextInt(classes.size());
                pairs.add(new Pair(left, classes.randomNotOfClass(classes.labelOf(left), random), Pair.DIFFERENT));
            }
        }
        return pairs;
    }

    private static Pair sameClassPair(ClassIndex classes, int left, SplittableRandom random) {
        return new Pair(left, classes.randomOfClassExcept(classes.labelOf(left), left, random), Pair.SAME);
    }

    private static ClassIndex checkedIndex(LabelledImages images) {
        ClassIndex classes = ClassIndex.of(Objects.requireNonNull(images, "images"));
        if (classes.nonEmptyClassCount() < 2) {
            throw new IllegalArgumentException("verification pairs need images of at least 2 classes; "
                    + images.description() + " has " + classes.nonEmptyClassCount());
        }
        if (pairableImages(classes).length == 0) {
            throw new IllegalArgumentException("verification pairs need a class with at least 2 images; "
                    + "every class of " + images.description() + " has one");
        }
        return classes;
    }

    /** Images whose class has at least one other member, ascending by class then index. */
    private static int[] pairableImages(ClassIndex classes) {
        int total = 0;
        for (int c = 0; c < classes.numClasses(); c++) {
            total += classes.count(c) > 1 ? classes.count(c) : 0;
        }
        int[] pairable = new int[total];
        int at = 0;
        for (int c = 0; c < classes.numClasses(); c++) {
            if (classes.count(c) > 1) {
                int[] members = classes.indicesOf(c);
                System.arraycopy(members, 0, pairable, at, members.length);
                at += members.length;
            }
        }
        return pairable;
    }
}
