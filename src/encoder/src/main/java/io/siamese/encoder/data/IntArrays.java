package io.siamese.encoder.data;

import java.util.random.RandomGenerator;

/** Small int-array helpers shared by the splitters and pair builders. */
final class IntArrays {

    private IntArrays() {
    }

    /** Fisher-Yates shuffle in place; deterministic for a given generator state. */
    static void shuffle(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
