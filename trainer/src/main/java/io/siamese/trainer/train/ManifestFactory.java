package io.siamese.trainer.train;

import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.checkpoint.VersionIds;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.model.ModelSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the manifest of each checkpoint a training run saves. */
final class ManifestFactory {

    /** What wrote the parameters: the DJL and PyTorch lines this project pins. */
    static final String FRAMEWORK = "djl-0.33.0/pytorch-2.5.1";

    private final SiameseTrainingConfig cfg;
    private final ModelSpec spec;
    private final LabelledImages train;
    private final String parentVersion;

    ManifestFactory(SiameseTrainingConfig cfg, ModelSpec spec, LabelledImages train, String parentVersion) {
        this.cfg = cfg;
        this.spec = spec;
        this.train = train;
        this.parentVersion = parentVersion;
    }

    Manifest create(int epochs, long examplesSeen, Validation.Report report) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (report != null) {
            metrics.put("validation_loss", report.loss());
            metrics.put("validation_accuracy", report.metrics().accuracy());
            metrics.put("validation_auc", report.metrics().auc());
            metrics.put("validation_eer", report.metrics().eer());
            metrics.put("validation_pairs", (double) report.metrics().pairs());
        }
        Instant now = Instant.now();
        return new Manifest(Manifest.FORMAT_VERSION, VersionIds.next(now), parentVersion,
                spec.architecture().id(), spec.mode().id(), spec.inputSize(), spec.embeddingDim(),
                new Manifest.PreprocessingSpec(spec.inputSize(), spec.inputSize(), spec.invert(), "L", "0..1"),
                cfg.distance().id(), cfg.loss().id(), cfg.margin(),
                report == null ? cfg.margin() / 2.0 : report.threshold(),
                new Manifest.TrainingSummary(train.description(), train.size(), train.numClasses(), examplesSeen,
                        epochs, cfg.batchSize(), Double.parseDouble(Float.toString(cfg.learningRate())), cfg.seed(),
                        cfg.recipe().describe(cfg.learningRate())),
                metrics, now.toString(), null, null, FRAMEWORK);
    }
}
