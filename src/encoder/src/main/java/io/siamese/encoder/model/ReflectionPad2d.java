package io.siamese.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Reflection padding of an NCHW tensor, as PyTorch's {@code nn.ReflectionPad2d(p)}: the border
 * row/column is not repeated, so {@code [a b c d]} padded by 1 becomes {@code [b a b c d c]}.
 *
 * <p>DJL has no reflection-padding operator, so this block builds the padded tensor from slices
 * and concatenations; autograd flows through both, so it trains as well as it infers.
 */
public final class ReflectionPad2d extends AbstractBlock {

    private static final byte VERSION = 1;
    private final int padding;

    /**
     * @param padding pixels added on every side; must be smaller than the input's height and width
     */
    public ReflectionPad2d(int padding) {
        super(VERSION);
        if (padding < 1) {
            throw new IllegalArgumentException("padding must be >= 1, got " + padding);
        }
        this.padding = padding;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(pad(pad(x, 2), 3));
    }

    /** Pads one spatial axis (2 = height, 3 = width) by reflection. */
    private NDArray pad(NDArray x, int axis) {
        long size = x.getShape().get(axis);
        if (padding >= size) {
            throw new IllegalArgumentException(
                    "reflection padding " + padding + " needs an input larger than " + size);
        }
        NDList parts = new NDList(3);
        // Leading border mirrors rows 1..padding, trailing border rows size-1-padding..size-2.
        parts.add(x.get(range(axis, 1, 1 + padding)).flip(axis));
        parts.add(x);
        parts.add(x.get(range(axis, size - 1 - padding, size - 1)).flip(axis));
        return NDArrays.concat(parts, axis);
    }

    /** An index string selecting {@code [from, to)} on NCHW axis 2 or 3. */
    private static String range(int axis, long from, long to) {
        return (axis == 2 ? ":, :, " : ":, :, :, ") + from + ":" + to;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {
            new Shape(s.get(0), s.get(1), s.get(2) + 2L * padding, s.get(3) + 2L * padding)
        };
    }

    @Override
    public String toString() {
        return "ReflectionPad2d(" + padding + ")";
    }
}
