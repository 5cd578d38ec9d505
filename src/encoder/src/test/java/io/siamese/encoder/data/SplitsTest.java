package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

    private static final int GOLDEN_VALIDATION_HASH = -1213345636;

    private final InMemoryImages images = InMemoryImages.withClassSizes(100, 40, 10, 3);

    private static int[] baseIndices(Subset subset) {
        return IntStream.range(0, subset.size()).map(subset::baseIndex).toArray();
    }

    @Test
    void shouldHoldOutTheFractionOfEachClassForValidation() {
        Splits.Result split = Splits.stratified(images, 0.2, 1);
        int[] expectedValidation = {20, 8, 2, 1};
        for (int c = 0; c < 4; c++) {
            assertEquals(expectedValidation[c], split.validation().indicesOfClass(c).length, "class " + c);
            assertEquals(images.indicesOfClass(c).length - expectedValidation[c],
                    split.train().indicesOfClass(c).length, "class " + c);
        }
    }

    @Test
    void shouldProduceDisjointPartsCoveringTheDataset() {
        Splits.Result split = Splits.stratified(images, 0.3, 2);
        int[] validation = baseIndices(split.validation());
        int[] train = baseIndices(split.train());
        assertFalse(IntStream.of(validation).anyMatch(i -> Arrays.binarySearch(train, i) >= 0));
        int[] all = IntStream.concat(IntStream.of(validation), IntStream.of(train)).sorted().toArray();
        assertArrayEquals(IntStream.range(0, images.size()).toArray(), all);
        assertEquals(images.label(validation[0]), split.validation().label(0));
    }

    @Test
    void shouldSplitTheSameWayForTheSameSeed() {
        assertArrayEquals(baseIndices(Splits.stratified(images, 0.5, 9).validation()),
                baseIndices(Splits.stratified(images, 0.5, 9).validation()));
        assertFalse(Arrays.equals(baseIndices(Splits.stratified(images, 0.5, 9).validation()),
                baseIndices(Splits.stratified(images, 0.5, 10).validation())));
    }

    @Test
    void shouldRejectFractionOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(images, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(images, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.stratified(images, Double.NaN, 1));
    }

    private static int[] classSizes(LabelledImages part) {
        ClassIndex classes = ClassIndex.of(part);
        return IntStream.range(0, classes.numClasses()).map(classes::count).toArray();
    }

    private static InMemoryImages uniform(int classes, int perClass) {
        int[] sizes = new int[classes];
        Arrays.fill(sizes, perClass);
        return InMemoryImages.withClassSizes(sizes);
    }

    @Test
    void shouldHoldOutTwoImagesOfSomeClassesWhenTheFractionLeavesOnePerClass() {
        Splits.Result split = Splits.stratified(uniform(37, 10), 0.1, 42);
        List<Pair> pairs = VerificationPairs.balanced(split.validation(), 200, 1);
        assertTrue(pairs.stream().anyMatch(Pair::sameClass), "same-class validation pairs");
        assertTrue(pairs.stream().anyMatch(pair -> !pair.sameClass()), "different-class validation pairs");
        assertEquals(38, split.validation().size(), "about 10% of 370, two images of each of 19 classes");
        assertTrue(IntStream.of(classSizes(split.validation())).allMatch(n -> n == 0 || n == 2));
        assertTrue(IntStream.of(classSizes(split.train())).allMatch(n -> n >= 8), "every class keeps 8 or 10");
        assertEquals("validation: 38 images of 19 classes (2 per class), training: 332 images of 37 classes",
                SplitSummary.of(split).toString());
    }

    @Test
    void shouldSplitFashionMnistSizedClassesExactlyAsBefore() {
        Splits.Result split = Splits.stratified(uniform(10, 6000), 0.1, 42);
        assertTrue(IntStream.of(classSizes(split.validation())).allMatch(n -> n == 600));
        // Computed with the split as published (round(fraction * n) per class): figures depend on it.
        assertEquals(GOLDEN_VALIDATION_HASH, Arrays.hashCode(baseIndices(split.validation())), "hash");
    }

    @Test
    void shouldKeepTwoTrainingImagesInEveryClassThatHasTwo() {
        Splits.Result split = Splits.stratified(InMemoryImages.withClassSizes(10, 10, 3, 2), 0.5, 3);
        assertArrayEquals(new int[] {5, 5, 2, 2}, classSizes(split.train()));
    }

    @Test
    void shouldPairTheOnlyLargeClassWithAnImageOfAnotherClass() {
        Splits.Result split = Splits.stratified(InMemoryImages.withClassSizes(4, 3, 1), 0.1, 5);
        assertArrayEquals(new int[] {2, 1, 0}, classSizes(split.validation()));
        assertArrayEquals(new int[] {2, 2, 1}, classSizes(split.train()));
    }

    @Test
    void shouldExplainWhyNoUsableSplitExists() {
        String oneClass = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratified(uniform(1, 50), 0.1, 1)).getMessage();
        assertTrue(oneClass.contains("at least 2 classes") && oneClass.contains("has 1"), oneClass);
        String smallClasses = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratified(uniform(5, 3), 0.1, 1)).getMessage();
        assertTrue(smallClasses.contains("at least 4 images") && smallClasses.contains("largest has 3"), smallClasses);
        String noPartner = assertThrows(IllegalArgumentException.class,
                () -> Splits.stratified(InMemoryImages.withClassSizes(5, 2, 2), 0.1, 1)).getMessage();
        assertTrue(noPartner.contains("second class with at least 3 images"), noPartner);
    }

    @Test
    void shouldDescribeAnUnevenSplit() {
        Splits.Result split = Splits.stratified(InMemoryImages.withClassSizes(100, 40, 10, 3), 0.2, 1);
        assertEquals("validation: 31 images of 4 classes (1-20 per class), training: 122 images of 4 classes",
                SplitSummary.of(split).toString());
    }
}
