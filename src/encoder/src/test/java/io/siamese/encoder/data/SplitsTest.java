package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {

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
}
