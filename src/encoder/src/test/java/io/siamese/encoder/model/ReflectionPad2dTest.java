package io.siamese.encoder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ReflectionPad2dTest {

    @Test
    void shouldMirrorWithoutRepeatingTheBorderLikePyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(1f, 10f).reshape(1, 1, 3, 3);
            ReflectionPad2d pad = new ReflectionPad2d(1);
            NDArray y = pad.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(1, 1, 5, 5), y.getShape());
            assertArrayEquals(new float[] {
                5, 4, 5, 6, 5,
                2, 1, 2, 3, 2,
                5, 4, 5, 6, 5,
                8, 7, 8, 9, 8,
                5, 4, 5, 6, 5
            }, y.toFloatArray());
        }
    }

    @Test
    void shouldPadByTwo() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(1f, 5f).reshape(1, 1, 1, 4);
            // Height 1 cannot be reflected; pad a 3x4 input by 2 on width only via a taller input.
            NDArray tall = m.arange(1f, 13f).reshape(1, 1, 3, 4);
            NDArray y = new ReflectionPad2d(2).forward(new ParameterStore(m, false), new NDList(tall), false)
                    .singletonOrThrow();
            assertEquals(new Shape(1, 1, 7, 8), y.getShape());
            // Middle row (original row 0 = 1 2 3 4) padded by 2: 3 2 | 1 2 3 4 | 3 2
            assertArrayEquals(new float[] {3, 2, 1, 2, 3, 4, 3, 2}, y.get("0, 0, 2, :").toFloatArray());
            x.close();
        }
    }
}
