package io.siamese.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final int SIZE = 16;

    /** A bright vertical bar at x = 3..4 on a dark background. */
    private static float[] bar() {
        float[] image = new float[SIZE * SIZE];
        for (int y = 2; y < SIZE - 2; y++) {
            image[y * SIZE + 3] = 1f;
            image[y * SIZE + 4] = 1f;
        }
        return image;
    }

    private static double centreOfMassX(float[] image) {
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < image.length; i++) {
            sum += image[i];
            weighted += image[i] * (i % SIZE);
        }
        return weighted / sum;
    }

    @Test
    void shouldLeaveTheImageAloneWhenNothingIsEnabled() {
        float[] image = bar();
        assertSame(image, Augmentation.NONE.apply(image, SIZE, new SplittableRandom(1)));
        assertEquals("none", Augmentation.parse(" none ").id());
    }

    @Test
    void shouldMirrorAboutTheVerticalAxisWhenFlipping() {
        Augmentation flip = new Augmentation(0, 0, 0, true);
        SplittableRandom random = new SplittableRandom(3);
        boolean mirrored = false;
        boolean kept = false;
        for (int i = 0; i < 20; i++) {
            double x = centreOfMassX(flip.apply(bar(), SIZE, random));
            mirrored |= Math.abs(x - (SIZE - 1 - 3.5)) < 1e-4;
            kept |= Math.abs(x - 3.5) < 1e-4;
        }
        assertTrue(mirrored && kept, "about half the draws mirror the bar to x = 11.5, the rest keep it");
    }

    @Test
    void shouldMoveContentByAtMostTheShiftAndKeepValuesInRange() {
        Augmentation shift = Augmentation.parse("shift");
        SplittableRandom random = new SplittableRandom(5);
        boolean moved = false;
        for (int i = 0; i < 50; i++) {
            float[] out = shift.apply(bar(), SIZE, random);
            double x = centreOfMassX(out);
            assertTrue(Math.abs(x - 3.5) <= 0.0625 * SIZE + 1e-6, "moved too far: " + x);
            moved |= Math.abs(x - 3.5) > 0.1;
            for (float v : out) {
                assertTrue(v >= 0f && v <= 1f, "value out of range: " + v);
            }
        }
        assertTrue(moved);
    }

    @Test
    void shouldDrawTheSameChangesFromTheSameSeed() {
        Augmentation all = Augmentation.parse("shift,crop,rotate,flip");
        float[] a = all.apply(bar(), SIZE, new SplittableRandom(9));
        float[] b = all.apply(bar(), SIZE, new SplittableRandom(9));
        assertArrayEquals(a, b);
        assertNotEquals(0, java.util.Arrays.compare(a, bar()));
        assertEquals("shift,crop,rotate,flip", all.id());
    }

    @Test
    void shouldNameTheKnownAugmentationsWhenOneIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift,blur"));
        assertTrue(e.getMessage().contains("blur") && e.getMessage().contains("rotate"), e.getMessage());
    }
}
