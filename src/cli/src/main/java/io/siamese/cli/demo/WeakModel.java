package io.siamese.cli.demo;

import ai.djl.Device;
import io.siamese.encoder.Distance;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.data.Datasets;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Split;
import io.siamese.encoder.data.Splits;
import io.siamese.encoder.data.Subset;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.trainer.train.SiameseTraining;
import io.siamese.trainer.train.SiameseTrainingConfig;
import io.siamese.trainer.train.SiameseTrainingListener;
import io.siamese.trainer.train.SiameseTrainingResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The starting point of {@code demo --retrain}: a compact encoder trained for a few seconds only, so that the
 * continuous trainer has visible room to improve on it (about 78% accuracy on
 * Fashion-MNIST pairs after 20 steps, against 93% for the shipped model), stored as the first version of the checkpoint store.
 */
final class WeakModel {

    private static final int BATCH = 64;

    private WeakModel() {}

    /**
     * Trains the weak model and puts it into the store.
     *
     * @param data {@code fashion-mnist} or a folder of class folders (its training split)
     * @param retrain input size and training steps
     * @param seed training seed
     * @param workDir where the training run writes
     * @param store the checkpoint store the service and the trainer share
     * @return the stored checkpoint's manifest and directory
     */
    static Stored create(String data, DemoOptions.Retrain retrain, long seed, Path workDir, DirectoryCheckpointStore store) {
        ModelSpec spec = new ModelSpec(Architecture.COMPACT, Mode.SIAMESE, retrain.inputSize(),
                Architecture.COMPACT.defaultEmbeddingDim(), false);
        LabelledImages all = Datasets.open(data, Split.TRAIN, spec.preprocessing());
        Splits.Result split = Splits.stratified(all, 0.1, seed);
        // One epoch over a small subset: a fixed number of steps, so the model is equally weak on a fast or a
        // busy machine (seconds would not be); the time limit only guards against a very slow one.
        int images = Math.min(split.train().size(), retrain.weakSteps() * BATCH);
        LabelledImages subset = new Subset(split.train(), IntStream.range(0, images).toArray());
        SiameseTrainingConfig config = new SiameseTrainingConfig(spec, LossKind.CONTRASTIVE, Distance.EUCLIDEAN,
                LossKind.CONTRASTIVE.defaultMargin(), 1, BATCH, 1e-3f, seed, 1000,
                Optional.of(Duration.ofMinutes(2)), workDir.resolve("weak-model"), Optional.empty());
        SiameseTrainingResult result = new SiameseTraining(Device.cpu()).run(config, subset, split.validation(),
                SiameseTrainingListener.NONE);
        Path location = Path.of(store.put(result.best()));
        return new Stored(result.bestManifest(), location, result.seconds());
    }

    /**
     * @param manifest the weak model's manifest
     * @param location its directory in the store
     * @param seconds how long training took
     */
    record Stored(Manifest manifest, Path location, double seconds) {}
}
