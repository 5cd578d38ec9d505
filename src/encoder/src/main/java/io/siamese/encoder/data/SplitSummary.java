package io.siamese.encoder.data;

/**
 * How a training/validation split came out, so a run can say what it validated on: the split
 * can deviate from the requested fraction when classes are too small for it (see
 * {@link Splits#stratified}).
 *
 * @param validationImages images held out for validation
 * @param validationClasses classes with at least one validation image
 * @param fewestPerClass the fewest validation images of any class in validation
 * @param mostPerClass the most validation images of any class
 * @param trainImages images left for training
 * @param trainClasses classes with at least one training image
 */
public record SplitSummary(int validationImages, int validationClasses, int fewestPerClass, int mostPerClass,
        int trainImages, int trainClasses) {

    /**
     * Counts the images and classes of both parts.
     *
     * @param split the split
     * @return its summary
     */
    public static SplitSummary of(Splits.Result split) {
        ClassIndex validation = ClassIndex.of(split.validation());
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        for (int c = 0; c < validation.numClasses(); c++) {
            int count = validation.count(c);
            if (count > 0) {
                fewest = Math.min(fewest, count);
                most = Math.max(most, count);
            }
        }
        return new SplitSummary(validation.size(), validation.nonEmptyClassCount(), most == 0 ? 0 : fewest, most,
                split.train().size(), ClassIndex.of(split.train()).nonEmptyClassCount());
    }

    /**
     * One line, e.g. {@code validation: 74 images of 37 classes (2 per class), training: 296 images of 37 classes}.
     *
     * @return the summary as text
     */
    @Override
    public String toString() {
        String perClass = fewestPerClass == mostPerClass ? Integer.toString(mostPerClass)
                : fewestPerClass + "-" + mostPerClass;
        return "validation: " + validationImages + " images of " + validationClasses + " classes (" + perClass
                + " per class), training: " + trainImages + " images of " + trainClasses + " classes";
    }
}
