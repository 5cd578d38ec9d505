package io.siamese.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.siamese.encoder.loss.ContrastiveLoss;
import io.siamese.encoder.model.Embedder;
import io.siamese.encoder.model.InferencePrecision;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Measures an encoder: forward throughput (images/s) per batch size, through the same
 * {@link Embedder} the service uses, and the time of one contrastive training step on 64 pairs
 * (the seed's batch), each side encoded separately as in training.
 */
public final class EncoderBenchmark {

    private final ModelSpec spec;
    private final Device device;
    private final double secondsPerBatchSize;
    private final InferencePrecision precision;

    /**
     * @param spec network to measure
     * @param device where to run
     * @param secondsPerBatchSize measuring time per batch size, after warm-up
     * @param precision the CPU graphs' precision
     */
    public EncoderBenchmark(ModelSpec spec, Device device, double secondsPerBatchSize, InferencePrecision precision) {
        this.spec = spec;
        this.device = device;
        this.secondsPerBatchSize = secondsPerBatchSize;
        this.precision = precision;
    }

    /**
     * Forward images/s for each batch size.
     *
     * @param progress called with each finished batch size
     */
    public Map<Integer, Double> forward(int[] batchSizes, IntConsumer progress) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        try (SiameseModel model = SiameseModel.create(spec, device, 1); Embedder embedder = model.newEmbedder(precision)) {
            Random random = new Random(7);
            for (int bs : batchSizes) {
                float[][] images = randomImages(random, bs);
                // Warm-up: the first call at a new shape allocates and picks kernels.
                embedder.embed(images);
                embedder.embed(images);
                long budget = (long) (secondsPerBatchSize * 1e9);
                long start = System.nanoTime();
                long n = 0;
                do {
                    embedder.embed(images);
                    n++;
                } while (System.nanoTime() - start < budget || n < 3);
                out.put(bs, n * bs / ((System.nanoTime() - start) / 1e9));
                progress.accept(bs);
            }
        }
        return out;
    }

    /**
     * Images per second for each batch size with {@code streams} forward passes running at once, each
     * on its own thread and embedder (how the service runs with several inference threads).
     */
    public Map<Integer, Double> forwardConcurrent(int[] batchSizes, int streams) {
        if (streams == 1) {
            return forward(batchSizes, bs -> {});
        }
        Map<Integer, Double> out = new LinkedHashMap<>();
        try (SiameseModel model = SiameseModel.create(spec, device, 1)) {
            for (int bs : batchSizes) {
                float[][] images = randomImages(new Random(7), bs);
                AtomicLong calls = new AtomicLong();
                long budget = (long) (secondsPerBatchSize * 1e9);
                CyclicBarrier start = new CyclicBarrier(streams);
                long[] window = new long[2];
                List<Thread> threads = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    Thread t = new Thread(() -> {
                        try (Embedder embedder = model.newEmbedder(precision)) {
                            embedder.embed(images);
                            embedder.embed(images);
                            start.await();
                            long t0 = System.nanoTime();
                            synchronized (window) {
                                window[0] = window[0] == 0 ? t0 : Math.min(window[0], t0);
                            }
                            do {
                                embedder.embed(images);
                                calls.incrementAndGet();
                            } while (System.nanoTime() - t0 < budget);
                            synchronized (window) {
                                window[1] = Math.max(window[1], System.nanoTime());
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, "bench-forward-" + s);
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
                out.put(bs, calls.get() * bs / ((window[1] - window[0]) / 1e9));
            }
        }
        return out;
    }

    private float[][] randomImages(Random random, int batchSize) {
        float[][] images = new float[batchSize][spec.pixels()];
        for (float[] img : images) {
            for (int i = 0; i < img.length; i++) {
                img[i] = random.nextFloat();
            }
        }
        return images;
    }

    /** Mean milliseconds of one contrastive training step on {@code pairs} pairs. */
    public double trainStepMillis(int pairs, int steps) {
        try (SiameseModel model = SiameseModel.create(spec, device, 1)) {
            Loss loss = new ContrastiveLoss();
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(5e-4f)).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.djlModel().newTrainer(cfg)) {
                trainer.initialize(model.inputShapes(pairs));
                Shape shape = new Shape(pairs, 1, spec.inputSize(), spec.inputSize());
                for (int warm = 0; warm < 2; warm++) {
                    step(trainer, loss, shape, pairs);
                }
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step(trainer, loss, shape, pairs);
                }
                return (System.nanoTime() - start) / 1e6 / steps;
            }
        }
    }

    private static void step(Trainer trainer, Loss loss, Shape shape, int pairs) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDList inputs = new NDList(m.randomUniform(0, 1, shape), m.randomUniform(0, 1, shape));
            NDArray labels = m.randomInteger(0, 2, new Shape(pairs), ai.djl.ndarray.types.DataType.INT32)
                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray l = loss.evaluate(new NDList(labels), trainer.forward(inputs));
                gc.backward(l);
            }
            trainer.step();
        }
    }
}
