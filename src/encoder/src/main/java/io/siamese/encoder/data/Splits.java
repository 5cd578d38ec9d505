package io.siamese.encoder.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Deterministic ways of dividing a dataset into training and validation parts. */
public final class Splits {

    /**
     * The two disjoint parts of a split.
     *
     * @param train the images left for training
     * @param validation the images held out for validation
     */
    public record Result(Subset train, Subset validation) {
    }

    private Splits() {
    }

    /**
     * Splits every class separately so both parts keep the dataset's class proportions: each
     * class contributes {@code round(fraction * classSize)} images, chosen at random, to
     * {@link Result#validation()} and the rest to {@link Result#train()}, except that a class
     * with two or more images always keeps two for training (training pairs need them).
     *
     * <p>Small classes can round to one held-out image each (37 classes of 10 at 10%), which
     * leaves validation without a same-class pair. Then two images each are held out from about
     * {@code fraction * size / 2} randomly chosen classes of four or more instead, and none from
     * the others; with only one such class, it gives two and a class of three gives one. Splits
     * whose classes all round to two or more (Fashion-MNIST) are unaffected.
     *
     * <p>Indices within each part are ascending; the same seed always gives the same split.
     *
     * @param images the dataset
     * @param fraction the share of each class held out for validation, strictly between 0 and 1
     * @param seed the random seed
     * @return the two parts
     * @throws IllegalArgumentException if no split gives validation both same-class and
     *     different-class pairs while training keeps two images of those classes; the message
     *     says which images are missing
     */
    public static Result stratified(LabelledImages images, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be strictly between 0 and 1, got " + fraction);
        }
        ClassIndex classes = ClassIndex.of(images);
        if (classes.nonEmptyClassCount() < 2) {
            throw new IllegalArgumentException("a validation split needs images of at least 2 classes; "
                    + images.description() + " has " + classes.nonEmptyClassCount()
                    + ": add a folder of images for another class");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] heldOut = proportionalCounts(classes, fraction);
        if (!givesVerificationPairs(heldOut)) {
            heldOut = pairedCounts(classes, images, fraction, random.split());
        }
        int[] validation = new int[classes.size()];
        int[] train = new int[classes.size()];
        int validationCount = 0;
        int trainCount = 0;
        for (int c = 0; c < classes.numClasses(); c++) {
            int[] members = classes.indicesOf(c);
            IntArrays.shuffle(members, random);
            System.arraycopy(members, 0, validation, validationCount, heldOut[c]);
            System.arraycopy(members, heldOut[c], train, trainCount, members.length - heldOut[c]);
            validationCount += heldOut[c];
            trainCount += members.length - heldOut[c];
        }
        int[] trainIndices = Arrays.copyOf(train, trainCount);
        int[] validationIndices = Arrays.copyOf(validation, validationCount);
        // Ascending order keeps reads of folder datasets sequential; samplers shuffle anyway.
        Arrays.sort(trainIndices);
        Arrays.sort(validationIndices);
        return new Result(new Subset(images, trainIndices), new Subset(images, validationIndices));
    }

    /** {@code round(fraction * n)} per class, leaving at least two (or the one) for training. */
    private static int[] proportionalCounts(ClassIndex classes, double fraction) {
        int[] heldOut = new int[classes.numClasses()];
        for (int c = 0; c < heldOut.length; c++) {
            int n = classes.count(c);
            heldOut[c] = (int) Math.min(Math.round(fraction * n), n - Math.min(n, 2));
        }
        return heldOut;
    }

    /** Whether held-out counts give validation a same-class pair and a different-class pair. */
    private static boolean givesVerificationPairs(int[] heldOut) {
        int classesHeldOut = 0;
        boolean pairable = false;
        for (int count : heldOut) {
            classesHeldOut += count > 0 ? 1 : 0;
            pairable |= count >= 2;
        }
        return classesHeldOut >= 2 && pairable;
    }

    /** Two images from each of enough random classes of four or more to approach the fraction. */
    private static int[] pairedCounts(ClassIndex classes, LabelledImages images, double fraction,
            SplittableRandom random) {
        int[] heldOut = new int[classes.numClasses()];
        int[] large = classesWithAtLeast(classes, 4, -1, random);
        if (large.length == 0) {
            throw new IllegalArgumentException("a validation split needs a class with at least 4 images "
                    + "(2 to pair in validation, 2 left for training); the largest has " + largestClass(classes)
                    + " in " + images.description() + ": add images so that some classes have 4 or more");
        }
        if (large.length >= 2) {
            long wanted = Math.round(fraction * classes.size() / 2);
            int pairedClasses = (int) Math.max(2, Math.min(wanted, large.length));
            for (int i = 0; i < pairedClasses; i++) {
                heldOut[large[i]] = 2;
            }
            return heldOut;
        }
        // One class can give a same-class pair; a different-class pair needs one image of another class.
        int[] partners = classesWithAtLeast(classes, 3, large[0], random);
        if (partners.length == 0) {
            throw new IllegalArgumentException("a validation split needs a second class with at least 3 images "
                    + "(1 for validation, 2 left for training); only " + images.className(large[0])
                    + " has more than 2 in " + images.description() + ": add images to another class");
        }
        heldOut[large[0]] = 2;
        heldOut[partners[0]] = 1;
        return heldOut;
    }

    /** Classes of at least {@code minimum} images other than {@code excluded}, in random order. */
    private static int[] classesWithAtLeast(ClassIndex classes, int minimum, int excluded, SplittableRandom random) {
        int[] found = IntStream.range(0, classes.numClasses())
                .filter(c -> c != excluded && classes.count(c) >= minimum).toArray();
        IntArrays.shuffle(found, random);
        return found;
    }

    private static int largestClass(ClassIndex classes) {
        return IntStream.range(0, classes.numClasses()).map(classes::count).max().orElse(0);
    }
}
