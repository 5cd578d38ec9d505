package io.siamese.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The two-branch network: input {@code i} of the {@link NDList} is encoded by the left tower when
 * {@code i == 0} and by the right tower otherwise; the output holds one embedding per input.
 *
 * <p>In {@link Mode#SIAMESE} mode both towers are the same block (shared weights). In
 * {@link Mode#PSEUDO} mode they are two blocks of the same architecture with separate weights.
 *
 * <p>Training encodes each input separately, as the seed does, so that BatchNorm's batch
 * statistics are computed per side. Inference in siamese mode concatenates all inputs into one
 * forward pass: BatchNorm then uses its running statistics, so the result is the same and one
 * large batch is faster than several small ones.
 */
public final class SiameseBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Mode mode;
    private final Block left;
    private final Block right;

    /**
     * @param architecture tower architecture
     * @param mode shared or separate weights
     * @param inputSize square input size in pixels
     * @param embeddingDim embedding size
     */
    public SiameseBlock(Architecture architecture, Mode mode, int inputSize, int embeddingDim) {
        super(VERSION);
        this.mode = mode;
        this.left = addChildBlock("left", architecture.tower(inputSize, embeddingDim));
        this.right = mode == Mode.SIAMESE
                ? left
                : addChildBlock("right", architecture.tower(inputSize, embeddingDim));
    }

    /** The weight-sharing mode. */
    public Mode mode() {
        return mode;
    }

    /**
     * The two towers; the same block twice in siamese mode.
     *
     * @param left encodes input 0
     * @param right encodes the other inputs
     */
    public record Towers(Block left, Block right) {}

    /** The towers, for building their inference graphs. */
    public Towers towers() {
        return new Towers(left, right);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (mode == Mode.SIAMESE && !training && inputs.size() > 1) {
            return forwardConcatenated(ps, inputs);
        }
        NDList out = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Block tower = i == 0 ? left : right;
            out.add(tower.forward(ps, new NDList(inputs.get(i)), training, params).singletonOrThrow());
        }
        return out;
    }

    private NDList forwardConcatenated(ParameterStore ps, NDList inputs) {
        long[] sizes = new long[inputs.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = inputs.get(i).getShape().get(0);
        }
        NDArray all = NDArrays.concat(inputs, 0);
        NDArray embeddings = left.forward(ps, new NDList(all), false).singletonOrThrow();
        long[] splitPoints = new long[sizes.length - 1];
        long acc = 0;
        for (int i = 0; i < splitPoints.length; i++) {
            acc += sizes[i];
            splitPoints[i] = acc;
        }
        return embeddings.split(splitPoints, 0);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        left.initialize(manager, dataType, inputShapes[0]);
        if (right != left) {
            right.initialize(manager, dataType, inputShapes[0]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[inputShapes.length];
        for (int i = 0; i < inputShapes.length; i++) {
            out[i] = (i == 0 ? left : right).getOutputShapes(new Shape[] {inputShapes[i]})[0];
        }
        return out;
    }
}
