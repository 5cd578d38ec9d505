package io.siamese.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.model.SiameseModel;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Fine-tunes a loaded model in place on explicit labelled pairs (continuous training from a label
 * stream), with the same optimiser, loss and per-side encoding as {@link SiameseTraining}: Adam,
 * each side encoded separately, every batch in its own NDManager scope. Epochs visit the pairs in
 * a new shuffled order each time; only full batches are used so BatchNorm statistics stay sound.
 *
 * <p>Triplet loss needs a negative for the anchor, which pair labels do not give exactly: anchor
 * and positive are a same-labelled pair, the negative is a random side of a different-labelled pair.
 * That negative may share the anchor's class (about 1 in the number of classes), so triplet
 * fine-tuning is noisier than contrastive, which uses the labels as they are.
 */
public final class PairTraining {

    private final Device device;

    /** @param device where the model's weights live */
    public PairTraining(Device device) {
        this.device = device;
    }

    /**
     * Trains {@code model} (already initialised, e.g. loaded from a checkpoint) on {@code pairs}.
     *
     * @param model the network; its weights are updated in place, it stays open
     * @param pairs the training pairs; at least two, with both labels for triplet loss
     * @param cfg settings
     * @param listener per-epoch and per-step progress
     * @param stop polled before every step; true ends the run early
     * @return what was done
     */
    public PairTrainingResult train(SiameseModel model, LabelledPairTensors pairs, PairTrainingConfig cfg,
            SiameseTrainingListener listener, BooleanSupplier stop) {
        long started = System.nanoTime();
        boolean triplet = cfg.loss() == LossKind.TRIPLET;
        int usable = triplet ? pairs.sameCount() : pairs.size();
        if (usable < 2 || (triplet && pairs.differentCount() == 0)) {
            throw new IllegalArgumentException("too few pairs to train on: " + pairs.size() + " ("
                    + pairs.sameCount() + " same, " + pairs.differentCount() + " different)");
        }
        int batch = Math.min(cfg.batchSize(), usable);
        int stepsPerEpoch = usable / batch;
        Loss loss = cfg.loss().create(cfg.margin(), cfg.distance());
        DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(loss)
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).build())
                .optDevices(new Device[] {device});
        SplittableRandom random = new SplittableRandom(cfg.seed());
        int[] same = indicesOf(pairs, 0);
        int[] different = indicesOf(pairs, 1);
        int steps = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        boolean stopped = false;
        try (Trainer trainer = model.djlModel().newTrainer(djlConfig)) {
            trainer.initialize(model.inputShapes(batch));
            // Loaded (warm-start) weights are fresh arrays without gradients: attach them.
            model.block().getParameters().values().stream()
                    .filter(p -> p.requiresGradient() && !p.getArray().hasGradient())
                    .forEach(p -> p.getArray().setRequiresGradient(true));
            for (int epoch = 1; epoch <= cfg.epochs() && !stopped && !limitReached(cfg, steps); epoch++) {
                int[] order = triplet ? same.clone() : identity(pairs.size());
                shuffle(order, random);
                listener.onEpochStart(epoch, cfg.epochs(), stepsPerEpoch);
                double sum = 0;
                int done = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    if (limitReached(cfg, steps) || stop.getAsBoolean()) {
                        stopped = !limitReached(cfg, steps);
                        break;
                    }
                    float[][][] sides = triplet ? tripletBatch(pairs, order, s * batch, batch, different, random)
                            : pairBatch(pairs, order, s * batch, batch);
                    double value = step(trainer, loss, sides, batchLabels(pairs, order, s * batch, batch, triplet),
                            model.spec().inputSize());
                    sum += value;
                    done++;
                    steps++;
                    listener.onStep(epoch, s + 1, batch, value);
                }
                if (done > 0) {
                    lastLoss = sum / done;
                    firstLoss = Double.isNaN(firstLoss) ? lastLoss : firstLoss;
                }
            }
        }
        return new PairTrainingResult(steps, (long) steps * batch, firstLoss, lastLoss, stopped,
                (System.nanoTime() - started) / 1e9);
    }

    private static boolean limitReached(PairTrainingConfig cfg, int steps) {
        return cfg.maxSteps() > 0 && steps >= cfg.maxSteps();
    }

    private static double step(Trainer trainer, Loss loss, float[][][] sides, float[] labels, int inputSize) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList inputs = BatchTensors.of(scope, sides, inputSize);
            return OptimizerStep.apply(trainer, loss, inputs, scope.create(labels));
        }
    }

    private static float[][][] pairBatch(LabelledPairTensors pairs, int[] order, int from, int n) {
        float[][][] sides = new float[2][n][];
        for (int i = 0; i < n; i++) {
            sides[0][i] = pairs.left()[order[from + i]];
            sides[1][i] = pairs.right()[order[from + i]];
        }
        return sides;
    }

    private static float[][][] tripletBatch(LabelledPairTensors pairs, int[] anchors, int from, int n,
            int[] different, SplittableRandom random) {
        float[][][] sides = new float[3][n][];
        for (int i = 0; i < n; i++) {
            sides[0][i] = pairs.left()[anchors[from + i]];
            sides[1][i] = pairs.right()[anchors[from + i]];
            int negative = different[random.nextInt(different.length)];
            sides[2][i] = random.nextBoolean() ? pairs.left()[negative] : pairs.right()[negative];
        }
        return sides;
    }

    private static float[] batchLabels(LabelledPairTensors pairs, int[] order, int from, int n, boolean triplet) {
        float[] labels = new float[n];
        for (int i = 0; i < n && !triplet; i++) {
            labels[i] = pairs.labels()[order[from + i]];
        }
        return labels;
    }

    private static int[] indicesOf(LabelledPairTensors pairs, int label) {
        return java.util.stream.IntStream.range(0, pairs.size()).filter(i -> pairs.labels()[i] == label).toArray();
    }

    /** Fisher-Yates, seeded: the same seed visits the pairs in the same order. */
    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static int[] identity(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }
}
