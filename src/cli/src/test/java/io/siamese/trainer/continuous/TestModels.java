package io.siamese.trainer.continuous;

import ai.djl.Device;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.checkpoint.VersionIds;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Tiny untrained checkpoints: a serving model that any training beats. */
final class TestModels {

    /** The network of every test model: compact, 16x16 input, 8-dimensional embedding. */
    static final ModelSpec SPEC = new ModelSpec(Architecture.COMPACT, Mode.SIAMESE, 16, 8, false);

    private TestModels() {}

    /** Writes an untrained model with a threshold of 0.5 to {@code dir}; returns its manifest. */
    static Manifest untrained(Path dir, long seed) {
        try (SiameseModel m = SiameseModel.create(SPEC, Device.cpu(), seed)) {
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, VersionIds.next(Instant.now()), null, "compact",
                    "siamese", 16, 8, new Manifest.PreprocessingSpec(16, 16, false, "L", "0..1"), "euclidean",
                    "contrastive", 2.0, 0.5,
                    new Manifest.TrainingSummary("untrained test model", 0, 0, 0, 0, 64, 5e-4, seed),
                    Map.of(), Instant.now().toString(), null, null, "test");
            return Checkpoints.save(m, manifest, dir);
        }
    }
}
