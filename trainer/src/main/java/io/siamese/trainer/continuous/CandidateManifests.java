package io.siamese.trainer.continuous;

import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.checkpoint.VersionIds;
import java.time.Instant;
import java.util.Map;

/** The manifest of a candidate: its parent's network and preprocessing, its own threshold, metrics, history. */
final class CandidateManifests {

    private CandidateManifests() {}

    /**
     * @param parent the serving model's manifest (the candidate was warm-started from it)
     * @param loss loss id the candidate was trained with
     * @param margin that loss's margin
     * @param threshold threshold calibrated on the validation pairs
     * @param training what the round trained on
     * @param metrics holdout and validation figures
     * @param now creation time (also the version id's time)
     */
    static Manifest of(Manifest parent, String loss, double margin, double threshold,
            Manifest.TrainingSummary training, Map<String, Double> metrics, Instant now) {
        // Network, preprocessing and distance are the parent's: the service refuses a different preprocessing.
        return new Manifest(Manifest.FORMAT_VERSION, VersionIds.next(now), parent.version(), parent.architecture(),
                parent.mode(), parent.inputSize(), parent.embeddingDim(), parent.preprocessing(), parent.distance(),
                loss, margin, threshold, training, Map.copyOf(metrics), now.toString(), null, null,
                parent.framework());
    }
}
