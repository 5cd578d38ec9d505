package io.siamese.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.image.Preprocessing;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassBalancedBatchesTest {

    /** {@code classes} classes of {@code perClass} images each (and no pixels: the sampler needs labels only). */
    private static LabelledImages labels(int classes, int perClass) {
        return new LabelledImages() {
            @Override
            public int size() {
                return classes * perClass;
            }

            @Override
            public int label(int index) {
                return index / perClass;
            }

            @Override
            public int numClasses() {
                return classes;
            }

            @Override
            public String className(int label) {
                return "c" + label;
            }

            @Override
            public float[] tensor(int index) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Preprocessing preprocessing() {
                return new Preprocessing(8, 8, false);
            }

            @Override
            public String description() {
                return "labels";
            }
        };
    }

    @Test
    void shouldPutEveryClassInEveryBatchWhenThereAreFewClasses() {
        ClassBalancedBatches batches = new ClassBalancedBatches(labels(10, 600), 128, 1);
        assertEquals(120, batches.batchSize(), "10 classes x 12 images");
        float[] classes = new float[120];
        int[] batch = batches.next(classes);
        LabelledImages data = labels(10, 600);
        for (int p = 0; p < 10; p++) {
            Set<Integer> distinct = new HashSet<>();
            for (int k = 0; k < 12; k++) {
                int image = batch[p * 12 + k];
                assertEquals(classes[p * 12 + k], data.label(image));
                distinct.add(image);
            }
            assertEquals(12, distinct.size(), "no image twice within a class");
        }
    }

    @Test
    void shouldTakeFourImagesEachOfAsManyClassesAsFitWhenThereAreMany() {
        ClassBalancedBatches batches = new ClassBalancedBatches(labels(37, 10), 128, 1);
        assertEquals(128, batches.batchSize(), "32 classes x 4 images");
        float[] classes = new float[128];
        batches.next(classes);
        Set<Float> distinct = new HashSet<>();
        for (float c : classes) {
            distinct.add(c);
        }
        assertEquals(32, distinct.size());
    }

    @Test
    void shouldRepeatImagesOnlyWhenAClassHoldsFewerThanTheBatchNeeds() {
        ClassBalancedBatches batches = new ClassBalancedBatches(labels(2, 3), 16, 1);
        float[] classes = new float[batches.batchSize()];
        int[] batch = batches.next(classes);
        assertEquals(16, batch.length, "2 classes x 8 images from 3 each");
        Set<Integer> distinct = new HashSet<>();
        for (int image : batch) {
            distinct.add(image);
        }
        assertEquals(6, distinct.size(), "all 6 images used");
    }

    @Test
    void shouldRefuseDataWithoutTwoClassesToMine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassBalancedBatches(labels(5, 1), 64, 1));
        assertTrue(e.getMessage().contains("2 classes with at least 2 images"), e.getMessage());
    }
}
