package io.siamese.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One tower's forward pass on the CPU as a TorchScript graph that PyTorch's JIT runs in one call,
 * instead of DJL's operator-by-operator blocks. The graph ({@code compact.torchscript},
 * {@code seed.torchscript} beside this class) is what {@code torch.jit.optimize_for_inference}
 * would make of the tower: BatchNorm folded into the convolutions, oneDNN convolutions on weights
 * reordered once into oneDNN's layout, the activations kept in that layout between layers, and
 * optionally {@link InferencePrecision#BF16} in the large layers. {@code seed_int8.torchscript}
 * is the seed network with its first linear layer quantised once to int8 (a scale per output row)
 * and packed for FBGEMM ({@link InferencePrecision#INT8}); the packed weights are a TorchScript
 * custom class, so they sit in their own attribute, {@code linear}, beside {@code packed}.
 *
 * <p>It owns a snapshot of the tower's weights (see {@link TowerWeights}) and the loaded module; not
 * thread-safe (the graph prepares its weights on the first call): one per {@link Embedder}.
 */
final class TowerGraph implements AutoCloseable {

    private final PtNDManager manager;
    private final PtSymbolBlock module;
    private final IValue noWeights;
    private final int inputSize;

    private TowerGraph(PtNDManager manager, PtSymbolBlock module, int inputSize) {
        this.manager = manager;
        this.module = module;
        this.inputSize = inputSize;
        this.noWeights = IValue.listFrom(new PtNDArray[0]);
    }

    /**
     * Builds the graph for {@code tower} and prepares its weights.
     *
     * @param parent the manager the graph's own manager is made under (the model's)
     */
    static TowerGraph of(Architecture architecture, Block tower, int inputSize, InferencePrecision precision,
            NDManager parent) {
        PtNDManager manager = (PtNDManager) parent.newSubManager();
        try {
            // The seed network's int8 layer has its own graph: FBGEMM's kernels take prepacked int8 weights.
            boolean int8 = architecture == Architecture.SEED && precision == InferencePrecision.INT8;
            String className = architecture == Architecture.COMPACT ? "CompactGraph"
                    : int8 ? "SeedInt8Graph" : "SeedGraph";
            String code = source(int8 ? "seed_int8" : architecture.id())
                    .replace("${DTYPE}", Integer.toString(precision.torchScalarType()))
                    .replace("${REDUCE_RANGE}", InferencePrecision.int8ReduceRange() ? "True" : "False");
            byte[] archive = TorchScriptArchive.write(className, code, int8 ? List.of("linear") : List.of());
            PtSymbolBlock module = JniUtils.loadModule(manager, new ByteArrayInputStream(archive), false, false);
            TowerGraph graph = new TowerGraph(manager, module, inputSize);
            graph.prepare(TowerWeights.of(architecture, tower, manager));
            return graph;
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The first call hands the graph its weights, which it reorders and keeps; later calls pass none. */
    private void prepare(NDList weights) {
        PtNDArray[] arrays = weights.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new);
        try (NDManager call = manager.newSubManager();
                IValue w = IValue.listFrom(arrays);
                IValue x = IValue.from((PtNDArray) call.zeros(new Shape(1, 1, inputSize, inputSize)));
                IValue out = module.forward(x, w)) {
            out.toTensor((PtNDManager) call).close();
        }
        weights.close();
    }

    /**
     * Embeds {@code n} images stored one after another in {@code pixels}.
     *
     * @return {@code n} embeddings
     */
    float[][] embed(float[] pixels, int n) {
        try (PtNDManager call = (PtNDManager) manager.newSubManager();
                IValue x = IValue.from((PtNDArray) call.create(pixels, new Shape(n, 1, inputSize, inputSize)));
                IValue out = module.forward(x, noWeights)) {
            NDArray e = out.toTensor(call);
            return FlatImages.rows(e.toFloatArray(), n, (int) e.getShape().get(1));
        }
    }

    private static String source(String graph) {
        String name = graph + ".torchscript";
        try (InputStream in = TowerGraph.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        noWeights.close();
        module.close();
        manager.close();
    }
}
