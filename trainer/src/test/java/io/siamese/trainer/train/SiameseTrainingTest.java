package io.siamese.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.Distance;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.data.SyntheticShapes;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.loss.Mining;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiameseTrainingTest {

    private static final ModelSpec SMALL = new ModelSpec(Architecture.COMPACT, Mode.SIAMESE, 16, 8, false);

    @TempDir
    Path tmp;

    private SiameseTrainingConfig config(LossKind loss, int epochs, Optional<Path> resume) {
        return new SiameseTrainingConfig(SMALL, loss, Distance.EUCLIDEAN, loss.defaultMargin(), epochs, 32, 2e-3f, 7, 200,
                Optional.empty(), tmp.resolve(loss.id() + epochs + resume.isPresent()), resume);
    }

    @Test
    void shouldCutTheLossAndSeparateTheClasses() {
        SyntheticShapes train = new SyntheticShapes(4, 640, 1, SMALL.preprocessing());
        SyntheticShapes validation = new SyntheticShapes(4, 200, 2, SMALL.preprocessing());
        SiameseTrainingResult r = new SiameseTraining(Device.cpu()).run(config(LossKind.CONTRASTIVE, 3, Optional.empty()),
                train, validation, SiameseTrainingListener.NONE);
        assertEquals(3, r.epochs().size());
        assertTrue(r.lastLoss() < r.firstLoss() * 0.8, "loss must fall: " + r.firstLoss() + " -> " + r.lastLoss());
        // Each epoch is validated with the weights it ended with (embedders snapshot the weights).
        double firstValidation = r.epochs().get(0).validationLoss();
        double lastValidation = r.epochs().get(2).validationLoss();
        assertTrue(lastValidation < firstValidation, "validation loss must fall: " + firstValidation + " -> " + lastValidation);
        double auc = r.bestManifest().metrics().get("validation_auc");
        assertTrue(auc > 0.9, "validation AUC must be well above chance, got " + auc);
        assertTrue(Files.isRegularFile(r.lossCurve()));
        // Both checkpoints load and carry the calibrated threshold.
        try (Checkpoint best = Checkpoints.load(r.best(), Device.cpu())) {
            assertEquals(r.bestManifest().threshold(), best.threshold());
            assertEquals("contrastive", best.manifest().loss());
        }
        try (Checkpoint last = Checkpoints.load(r.last(), Device.cpu())) {
            assertNotNull(last.version());
        }
    }

    @Test
    void shouldTrainWithTripletLossAndWarmStartFromACheckpoint() {
        SyntheticShapes train = new SyntheticShapes(4, 320, 3, SMALL.preprocessing());
        SyntheticShapes validation = new SyntheticShapes(4, 120, 4, SMALL.preprocessing());
        SiameseTraining training = new SiameseTraining(Device.cpu());
        SiameseTrainingResult first = training.run(config(LossKind.TRIPLET, 2, Optional.empty()), train, validation, SiameseTrainingListener.NONE);
        assertEquals("triplet", first.bestManifest().loss());
        double firstAuc = first.bestManifest().metrics().get("validation_auc");
        SiameseTrainingResult resumed = training.run(config(LossKind.TRIPLET, 1, Optional.of(first.last())), train, validation,
                SiameseTrainingListener.NONE);
        // Warm start: the child names its parent and starts from the parent's quality, not from scratch.
        assertEquals(first.lastManifest().version(), resumed.lastManifest().parentVersion());
        assertTrue(resumed.epochs().get(0).validationAuc() >= firstAuc - 0.05,
                "resumed AUC " + resumed.epochs().get(0).validationAuc() + " vs parent " + firstAuc);
    }

    @Test
    void shouldTrainWithBatchHardMiningAugmentationAndACosineScheduleAndRecordTheRecipe() {
        SyntheticShapes train = new SyntheticShapes(4, 640, 5, SMALL.preprocessing());
        SyntheticShapes validation = new SyntheticShapes(4, 200, 6, SMALL.preprocessing());
        TrainingRecipe recipe = new TrainingRecipe(Mining.BATCH_HARD, Augmentation.parse("shift,flip"), 0.1, true);
        SiameseTrainingConfig cfg = new SiameseTrainingConfig(SMALL, LossKind.CONTRASTIVE, Distance.EUCLIDEAN, 2f, 3, 32,
                2e-3f, 7, 200, Optional.empty(), tmp.resolve("mined"), Optional.empty(), recipe, 0);
        SiameseTrainingResult r = new SiameseTraining(Device.cpu()).run(cfg, train, validation, SiameseTrainingListener.NONE);
        assertEquals(3, r.epochs().size());
        assertEquals(64, r.epochs().get(0).examples() / (640 / 32), "a mined step holds 4 classes x 16 images");
        double auc = r.bestManifest().metrics().get("validation_auc");
        assertTrue(auc > 0.9, "validation AUC must be well above chance, got " + auc);
        assertEquals("mining batch-hard, augment shift,flip, warm-up 10% + cosine from 0.002",
                r.bestManifest().training().recipe());
        // The saved best is the epoch with the lowest validation EER.
        double lowest = r.epochs().stream().mapToDouble(EpochResult::validationEer).min().orElseThrow();
        assertEquals(lowest, r.bestManifest().metrics().get("validation_eer"), 1e-12);
    }

    @Test
    void shouldStopAtTheStepCapInTheFirstEpoch() {
        SyntheticShapes train = new SyntheticShapes(4, 640, 1, SMALL.preprocessing());
        SyntheticShapes validation = new SyntheticShapes(4, 200, 2, SMALL.preprocessing());
        SiameseTrainingConfig cfg = new SiameseTrainingConfig(SMALL, LossKind.CONTRASTIVE, Distance.EUCLIDEAN, 2f, 0, 32,
                2e-3f, 7, 200, Optional.empty(), tmp.resolve("capped"), Optional.empty(), TrainingRecipe.SEED, 5);
        SiameseTrainingResult r = new SiameseTraining(Device.cpu()).run(cfg, train, validation, SiameseTrainingListener.NONE);
        assertEquals(1, r.epochs().size());
        assertEquals(5 * 32, r.epochs().get(0).examples());
    }

    @Test
    void shouldRefuseBatchHardMiningForTwoTowers() {
        ModelSpec pseudo = new ModelSpec(Architecture.COMPACT, Mode.PSEUDO, 16, 8, false);
        TrainingRecipe recipe = new TrainingRecipe(Mining.BATCH_HARD, Augmentation.NONE, 0, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SiameseTrainingConfig(pseudo,
                LossKind.CONTRASTIVE, Distance.EUCLIDEAN, 2f, 1, 32, 1e-3f, 7, 200, Optional.empty(), tmp, Optional.empty(),
                recipe, 0));
        assertTrue(e.getMessage().contains("shared weights"), e.getMessage());
    }
}
