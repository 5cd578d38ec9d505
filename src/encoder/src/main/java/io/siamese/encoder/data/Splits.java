package io.siamese.encoder.data;

import java.util.Arrays;
import java.util.SplittableRandom;

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
     * {@link Result#validation()} and the rest to {@link Result#train()}. Indices within each
     * part are ascending; the same seed always gives the same split.
     *
     * @param images the dataset
     * @param fraction the share of each class held out for validation, strictly between 0 and 1
     * @param seed the random seed
     * @return the two parts
     */
    public static Result stratified(LabelledImages images, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be strictly between 0 and 1, got " + fraction);
        }
        ClassIndex classes = ClassIndex.of(images);
        SplittableRandom random = new SplittableRandom(seed);
        int[] validation = new int[classes.size()];
        int[] train = new int[classes.size()];
        int validationCount = 0;
        int trainCount = 0;
        for (int c = 0; c < classes.numClasses(); c++) {
            int[] members = classes.indicesOf(c);
            IntArrays.shuffle(members, random);
            int heldOut = (int) Math.round(fraction * members.length);
            System.arraycopy(members, 0, validation, validationCount, heldOut);
            System.arraycopy(members, heldOut, train, trainCount, members.length - heldOut);
            validationCount += heldOut;
            trainCount += members.length - heldOut;
        }
        int[] trainIndices = Arrays.copyOf(train, trainCount);
        int[] validationIndices = Arrays.copyOf(validation, validationCount);
        // Ascending order keeps reads of folder datasets sequential; samplers shuffle anyway.
        Arrays.sort(trainIndices);
        Arrays.sort(validationIndices);
        return new Result(new Subset(images, trainIndices), new Subset(images, validationIndices));
    }
}
