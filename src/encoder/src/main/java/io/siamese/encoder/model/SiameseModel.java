package io.siamese.encoder.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import io.siamese.encoder.image.Preprocessing;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Owns one network's native resources: a DJL {@link Model} holding a {@link SiameseBlock}. Close
 * it to free the weights. Thread-safe for {@link #newEmbedder()}: many embedders (one per thread)
 * share the same weights.
 */
public final class SiameseModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SiameseModel.class.getName());

    private final ModelSpec spec;
    private final Model model;
    private final SiameseBlock block;
    private volatile boolean graphFallbackLogged;

    private SiameseModel(ModelSpec spec, Model model, SiameseBlock block) {
        this.spec = spec;
        this.model = model;
        this.block = block;
    }

    /**
     * Builds a network with fresh weights: Xavier-uniform (fan-in, magnitude 1) weights, which
     * behave like PyTorch's defaults for the seed's loss. Seeded for reproducible runs.
     *
     * @param spec what to build
     * @param device where the weights live ({@code Device.cpu()} or a GPU)
     * @param seed random seed for the initial weights
     */
    public static SiameseModel create(ModelSpec spec, Device device, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        SiameseModel m = wrap(spec, device);
        m.block.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        m.block.initialize(m.model.getNDManager(), DataType.FLOAT32, m.inputShapes(1));
        return m;
    }

    /** An uninitialised network whose parameters the caller loads (see the checkpoint package). */
    public static SiameseModel wrap(ModelSpec spec, Device device) {
        Model model = Model.newInstance("siamese-" + spec.architecture().id(), device, "PyTorch");
        SiameseBlock block = new SiameseBlock(spec.architecture(), spec.mode(), spec.inputSize(), spec.embeddingDim());
        model.setBlock(block);
        return new SiameseModel(spec, model, block);
    }

    /** Input shapes for a batch of {@code n} images on every side the network has. */
    public Shape[] inputShapes(int n) {
        Shape one = new Shape(n, 1, spec.inputSize(), spec.inputSize());
        return spec.mode() == Mode.SIAMESE ? new Shape[] {one} : new Shape[] {one, one};
    }

    /**
     * A new embedder at {@link InferencePrecision#AUTO}; one per thread. Close it when the thread is
     * done. On the CPU it holds a snapshot of the weights: make a new one after training further.
     */
    public Embedder newEmbedder() {
        return newEmbedder(InferencePrecision.AUTO);
    }

    /**
     * A new embedder whose CPU graphs run at {@code precision} (a GPU runs the blocks, in FP32).
     *
     * @see #newEmbedder()
     */
    public Embedder newEmbedder(InferencePrecision precision) {
        if (model.getNDManager().getDevice().isGpu()) {
            return newBlockEmbedder();
        }
        return graphsOrBlocks(() -> newGraphEmbedder(precision));
    }

    private Embedder newGraphEmbedder(InferencePrecision requested) {
        InferencePrecision precision = requested.resolve(spec.architecture());
        SiameseBlock.Towers towers = block.towers();
        TowerGraph left = TowerGraph.of(spec.architecture(), towers.left(), spec.inputSize(), precision,
                model.getNDManager());
        if (towers.left() == towers.right()) {
            return new Embedder(left, left, spec.inputSize());
        }
        try {
            TowerGraph right = TowerGraph.of(spec.architecture(), towers.right(), spec.inputSize(), precision,
                    model.getNDManager());
            return new Embedder(left, right, spec.inputSize());
        } catch (RuntimeException e) {
            left.close();
            throw e;
        }
    }

    /**
     * The graphs, or DJL's blocks where PyTorch cannot run them (a build without oneDNN, say): slower,
     * but serving, and said in a warning. Only PyTorch's own refusal falls back; anything else, such as a
     * network without weights, is thrown as it is.
     */
    Embedder graphsOrBlocks(Supplier<Embedder> graphs) {
        try {
            return graphs.get();
        } catch (EngineException e) {
            if (!graphFallbackLogged) {
                graphFallbackLogged = true;
                LOG.log(Level.WARNING, "PyTorch cannot run the TorchScript graph of this network ({0}); forward"
                        + " passes run DJL''s blocks instead, several times slower on the CPU", e.getMessage());
            }
            return newBlockEmbedder();
        }
    }

    /** A new embedder over the network's DJL blocks, operator by operator (the reference the graphs are tested against). */
    public Embedder newBlockEmbedder() {
        return new Embedder(model.newPredictor(new SidesTranslator(spec.inputSize())));
    }

    /** What this network is. */
    public ModelSpec spec() {
        return spec;
    }

    /** The preprocessing its inputs need, shared by training and serving. */
    public Preprocessing preprocessing() {
        return spec.preprocessing();
    }

    /** The DJL model (for training and saving). */
    public Model djlModel() {
        return model;
    }

    /** The network block. */
    public SiameseBlock block() {
        return block;
    }

    /** Number of trainable values in the network. */
    public long parameterCount() {
        return block.getParameters().values().stream()
                .filter(p -> p.getArray() != null)
                .mapToLong(p -> p.getArray().size())
                .sum();
    }

    @Override
    public void close() {
        model.close();
    }
}
