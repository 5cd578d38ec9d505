package io.siamese.service.model;

import ai.djl.Device;
import io.quarkus.runtime.Startup;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.model.Embedder;
import io.siamese.encoder.model.ForwardPasses;
import io.siamese.encoder.model.InferencePrecision;
import io.siamese.service.config.ServiceConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The one encoder of the process, shared by every stream thread and the REST API: one set of
 * weights, a pool of embedders (one per forward pass running at once). The model can be replaced between batches ({@link #swap});
 * a batch always runs entirely on the model it started with.
 */
@Startup
@ApplicationScoped
public class ModelService implements BatchEncoder {

    private static final Logger LOG = Logger.getLogger(ModelService.class);

    private final Device device;
    private final Set<Integer> warmup;
    private final InferencePrecision precision;
    private final int concurrentPasses;
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();

    @Inject
    ModelService(ServiceConfig config) {
        this(deviceOf(config.model().device()), warmupSizes(config), InferencePrecision.parse(config.model().precision()),
                concurrentPasses(config), device -> {
                    setTorchThreads(ForwardPasses.intraOpThreads(config.model().threads(), concurrentPasses(config)));
                    return Checkpoints.load(Path.of(config.model().path()), device);
                });
    }

    private static int concurrentPasses(ServiceConfig config) {
        return ForwardPasses.concurrentPasses(config.batch().pipelined(), config.batch().inferenceThreads());
    }

    /** Read by DJL when the PyTorch engine starts, which is on the first model load below. */
    private static void setTorchThreads(int threads) {
        ForwardPasses.setIntraOpThreads(threads);
        LOG.infof("PyTorch intra-op threads per forward pass: %d", threads);
    }

    /**
     * @param device where weights live
     * @param warmup batch sizes run once on every model before it serves
     * @param first loads the model served at start
     */
    ModelService(Device device, Set<Integer> warmup, java.util.function.Function<Device, Checkpoint> first) {
        this(device, warmup, InferencePrecision.AUTO, 1, first);
    }

    /**
     * @param device where weights live
     * @param warmup batch sizes run once on every model before it serves
     * @param precision the CPU graphs' precision
     * @param concurrentPasses forward passes that may run at once: each gets a warmed-up embedder
     * @param first loads the model served at start
     */
    ModelService(Device device, Set<Integer> warmup, InferencePrecision precision, int concurrentPasses,
            java.util.function.Function<Device, Checkpoint> first) {
        this.device = device;
        this.warmup = warmup;
        this.precision = precision;
        this.concurrentPasses = concurrentPasses;
        Checkpoint initial = first.apply(device);
        current.set(prepared(initial));
        LOG.infof("forward passes on %s: %s", device, device.isGpu() ? "DJL blocks"
                : "TorchScript graphs, " + precision.resolve(initial.model().spec().architecture()).id());
        LOG.infof("serving model %s (%s, %s distance, threshold %.4f) from %s on %s", initial.version(),
                initial.manifest().architecture(), initial.distance().id(), initial.threshold(), initial.directory(), device);
    }

    private static Device deviceOf(String name) {
        return switch (name) {
            case "cpu" -> Device.cpu();
            case "cuda", "gpu" -> Device.gpu();
            default -> throw new IllegalArgumentException("siamese.model.device must be cpu or cuda, got " + name);
        };
    }

    private static Set<Integer> warmupSizes(ServiceConfig config) {
        Set<Integer> sizes = new TreeSet<>(config.model().warmupBatchSizes());
        sizes.add(config.batch().maxSize());
        return sizes;
    }

    @Override
    public BatchScores score(float[][] left, float[][] right) {
        LoadedModel model = acquire();
        try {
            long start = System.nanoTime();
            Embedder embedder = model.borrow();
            float[][][] emb;
            try {
                emb = embedder.embedPairs(left, right);
            } finally {
                model.giveBack(embedder);
            }
            long nanos = System.nanoTime() - start;
            double[] distances = new double[left.length];
            for (int i = 0; i < distances.length; i++) {
                distances[i] = model.checkpoint().distance().compute(emb[0][i], emb[1][i]);
            }
            return new BatchScores(model.info(), distances, emb[0], emb[1], nanos);
        } finally {
            model.release();
        }
    }

    @Override
    public ServedModel current() {
        return current.get().info();
    }

    /** The device the weights live on. */
    public Device device() {
        return device;
    }

    /**
     * Makes {@code next} the served model. Batches already running finish on the old one, which is
     * closed (native memory freed) when the last of them ends. When {@code next} fails its warm-up it is
     * closed (it would otherwise hold its native memory for good) and the failure rethrown; the current
     * model keeps serving.
     *
     * @return the model replaced
     */
    public ServedModel swap(Checkpoint next) {
        LoadedModel old = current.getAndSet(prepared(next));
        old.release();
        // DJL reads parameters through direct ByteBuffers, which only a GC frees: without this, each
        // load of a 160 MB model leaves 160 MB resident until the heap happens to fill. Swaps are rare.
        System.gc();
        return old.info();
    }

    private LoadedModel acquire() {
        while (true) {
            LoadedModel m = current.get();
            if (m.acquire()) {
                return m;
            }
        }
    }

    /**
     * The checkpoint ready to serve: an embedder per concurrent forward pass, each run once at the
     * configured batch sizes and the full batch, so the first real batches do not pay for preparing
     * graphs and choosing kernels. A checkpoint that fails this is closed and the failure rethrown.
     */
    private LoadedModel prepared(Checkpoint checkpoint) {
        LoadedModel loaded = new LoadedModel(checkpoint, precision);
        try {
            loaded.warmUp(concurrentPasses, warmup);
            return loaded;
        } catch (RuntimeException | Error e) {
            loaded.release();
            throw e;
        }
    }

    @PreDestroy
    void close() {
        LoadedModel m = current.getAndSet(null);
        if (m != null) {
            m.release();
        }
    }
}
