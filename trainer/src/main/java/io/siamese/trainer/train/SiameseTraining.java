package io.siamese.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
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
 * Trains a Siamese network: Adam, examples drawn by the recipe (the seed's random pairs, or
 * batch-hard mining from P x K batches), each side of a random pair encoded separately (so
 * BatchNorm sees per-side batch statistics), one epoch = as many pairs as there are training
 * images. The run ends at its time budget, epoch or step cap, whichever comes first, and the
 * learning-rate schedule spans that budget. After every epoch the model is scored on a fixed
 * validation set; the best epoch (lowest validation EER, then highest accuracy, then lowest loss)
 * is saved as {@code best/}, the last as {@code final/}, each with a threshold calibrated on the
 * validation pairs.
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
        Loss trainingLoss = cfg.recipe().mining().trainingLoss(cfg.loss(), cfg.margin(), cfg.distance());
        // Validation scores fixed random pairs (or triplets) with the plain loss, whatever the mining,
        // so that its figures compare across recipes.
        Loss validationLoss = cfg.loss().create(cfg.margin(), cfg.distance());
        TrainingBatches batches = new TrainingBatches(train, cfg.loss(), cfg.recipe(), cfg.batchSize(), spec.inputSize(),
                cfg.seed());
        int steps = Math.max(1, train.size() / cfg.batchSize());
        TrainingBudget budget = new TrainingBudget(cfg.maxDuration(), cfg.epochs(), steps, cfg.maxSteps(), System::nanoTime);
        long[] stepsDone = {0};
        DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(trainingLoss)
                .optOptimizer(Adam.builder().optLearningRateTracker(new ScheduledRate(
                        cfg.recipe().schedule(cfg.learningRate()), () -> budget.progress(stepsDone[0]))).build())
                .optDevices(new Device[] {device});
        Validation validationSet = new Validation(validation, cfg.loss(), cfg.distance(), cfg.validationPairs(), cfg.seed() + 1);
        List<EpochResult> epochs = new ArrayList<>();
        Path bestDir = cfg.out().resolve("best");
        Path finalDir = cfg.out().resolve("final");
        Manifest best = null;
        Manifest last;
        long examplesSeen = 0;
        try (model; Trainer trainer = model.djlModel().newTrainer(djlConfig)) {
            trainer.initialize(model.inputShapes(cfg.batchSize()));
            // Loaded (warm-start) weights are fresh arrays without gradients: attach them.
            model.block().getParameters().values().stream()
                    .filter(p -> p.requiresGradient() && !p.getArray().hasGradient())
                    .forEach(p -> p.getArray().setRequiresGradient(true));
            Validation.Report bestReport = null;
            Validation.Report report = null;
            for (int epoch = 1; (cfg.epochs() == 0 || epoch <= cfg.epochs()) && !budget.exhausted(stepsDone[0]); epoch++) {
                long epochStart = System.nanoTime();
                listener.onEpochStart(epoch, cfg.epochs(), steps);
                double lossSum = 0;
                int done = 0;
                for (int step = 1; step <= steps && !budget.exhausted(stepsDone[0]); step++) {
                    double value;
                    try (NDManager scope = trainer.getManager().newSubManager()) {
                        TrainingBatches.Step batch = batches.next(scope);
                        value = OptimizerStep.apply(trainer, trainingLoss, batch.inputs(), batch.labels());
                    }
                    lossSum += value;
                    done++;
                    stepsDone[0]++;
                    examplesSeen += batches.examplesPerStep();
                    listener.onStep(epoch, step, batches.examplesPerStep(), value);
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                // A fresh embedder each time: it snapshots the weights as they are after this epoch.
                try (Embedder embedder = model.newEmbedder()) {
                    report = validationSet.run(embedder, validationLoss, trainer.getManager());
                }
                boolean improved = bestReport == null || report.betterThan(bestReport);
                if (improved) {
                    bestReport = report;
                    best = Checkpoints.save(model, manifests.create(epoch, examplesSeen, report), bestDir);
                }
                EpochResult result = new EpochResult(epoch, lossSum / Math.max(1, done), report.loss(),
                        report.metrics().accuracy(), report.metrics().auc(), report.metrics().eer(), report.threshold(),
                        improved, (long) done * batches.examplesPerStep(), seconds);
                epochs.add(result);
                listener.onEpochEnd(result);
            }
            last = Checkpoints.save(model, manifests.create(epochs.size(), examplesSeen, report), finalDir);
        }
        Path curve = LossCurve.write(cfg.out().resolve("loss.png"), epochs);
        return new SiameseTrainingResult(List.copyOf(epochs), bestDir, best, finalDir, last, curve,
                (System.nanoTime() - started) / 1e9);
    }
}
