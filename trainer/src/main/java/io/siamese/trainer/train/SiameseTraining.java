package io.siamese.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.model.Embedder;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a Siamese network the seed's way: Adam, examples drawn by the seed's rule, each side of
 * a pair encoded separately (so BatchNorm sees per-side batch statistics), one epoch = as many
 * examples as there are training images. After every epoch the model is scored on a fixed
 * validation set; the best epoch (lowest validation loss) is saved as {@code best/}, the last as
 * {@code final/}, each with a threshold calibrated on the validation pairs.
 */
public final class SiameseTraining {

    private final Device device;

    /** @param device where to train ({@code Device.cpu()} or a GPU) */
    public SiameseTraining(Device device) {
        this.device = device;
    }

    /**
     * Runs training.
     *
     * @param cfg settings
     * @param train training images
     * @param validation held-apart images for validation and calibration
     * @param listener progress callbacks
     */
    public SiameseTrainingResult run(
            SiameseTrainingConfig cfg, LabelledImages train, LabelledImages validation, SiameseTrainingListener listener) {
        long started = System.nanoTime();
        Checkpoint parent = cfg.resume().map(p -> Checkpoints.load(p, device)).orElse(null);
        SiameseModel model = parent != null ? parent.model() : SiameseModel.create(cfg.spec(), device, cfg.seed());
        ModelSpec spec = model.spec();
        ManifestFactory manifests = new ManifestFactory(cfg, spec, train, parent == null ? null : parent.version());
        Loss loss = cfg.loss().create(cfg.margin(), cfg.distance());
        DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(loss)
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).build())
                .optDevices(new Device[] {device});
        Validation validationSet = new Validation(validation, cfg.loss(), cfg.distance(), cfg.validationPairs(), cfg.seed() + 1);
        ExampleSource examples = new ExampleSource(cfg.loss(), train, cfg.seed());
        List<EpochResult> epochs = new ArrayList<>();
        Path bestDir = cfg.out().resolve("best");
        Path finalDir = cfg.out().resolve("final");
        Manifest best = null;
        Manifest last;
        long deadline = cfg.maxDuration().map(d -> started + d.toNanos()).orElse(Long.MAX_VALUE);
        long examplesSeen = 0;
        try (model; Trainer trainer = model.djlModel().newTrainer(djlConfig); Embedder embedder = model.newEmbedder()) {
            trainer.initialize(model.inputShapes(cfg.batchSize()));
            // Loaded (warm-start) weights are fresh arrays without gradients: attach them.
            model.block().getParameters().values().stream()
                    .filter(p -> p.requiresGradient() && !p.getArray().hasGradient())
                    .forEach(p -> p.getArray().setRequiresGradient(true));
            double bestLoss = Double.POSITIVE_INFINITY;
            Validation.Report report = null;
            int steps = Math.max(1, train.size() / cfg.batchSize());
            for (int epoch = 1; epoch <= cfg.epochs() && System.nanoTime() < deadline; epoch++) {
                long epochStart = System.nanoTime();
                listener.onEpochStart(epoch, cfg.epochs(), steps);
                double lossSum = 0;
                int done = 0;
                for (int step = 1; step <= steps && System.nanoTime() < deadline; step++) {
                    double value = step(trainer, loss, examples, train, cfg, spec);
                    lossSum += value;
                    done++;
                    examplesSeen += cfg.batchSize();
                    listener.onStep(epoch, step, cfg.batchSize(), value);
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                report = validationSet.run(embedder, loss, trainer.getManager());
                boolean improved = report.loss() < bestLoss;
                if (improved) {
                    bestLoss = report.loss();
                    best = Checkpoints.save(model, manifests.create(epoch, examplesSeen, report), bestDir);
                }
                EpochResult result = new EpochResult(epoch, lossSum / Math.max(1, done), report.loss(),
                        report.metrics().accuracy(), report.metrics().auc(), report.threshold(), improved,
                        (long) done * cfg.batchSize(), seconds);
                epochs.add(result);
                listener.onEpochEnd(result);
            }
            last = Checkpoints.save(model, manifests.create(epochs.size(), examplesSeen, report), finalDir);
        }
        Path curve = LossCurve.write(cfg.out().resolve("loss.png"), epochs);
        return new SiameseTrainingResult(List.copyOf(epochs), bestDir, best, finalDir, last, curve,
                (System.nanoTime() - started) / 1e9);
    }

    /** One optimiser step on a fresh batch, inside its own NDManager scope. */
    private static double step(Trainer trainer, Loss loss, ExampleSource examples, LabelledImages train,
            SiameseTrainingConfig cfg, ModelSpec spec) {
        int arity = cfg.loss().arity();
        int[][] indices = new int[arity][cfg.batchSize()];
        float[] labels = new float[cfg.batchSize()];
        examples.next(indices, labels);
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDList inputs = BatchTensors.of(batch, train, indices, spec.inputSize());
            return OptimizerStep.apply(trainer, loss, inputs, batch.create(labels));
        }
    }
}
