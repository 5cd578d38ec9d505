package io.siamese.service.it;

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

/** Small untrained checkpoints for service tests: the flow matters there, not the accuracy. */
public final class TestCheckpoints {

    private TestCheckpoints() {}

    /** Writes a compact 16x16 network with random weights to {@code dir}; returns its manifest. */
    public static Manifest write(Path dir, long seed, double threshold) {
        return write(dir, seed, threshold, 16);
    }

    /** The same with another input size (an incompatible checkpoint for a 16x16 service). */
    public static Manifest write(Path dir, long seed, double threshold, int inputSize) {
        ModelSpec spec = new ModelSpec(Architecture.COMPACT, Mode.SIAMESE, inputSize, 8, false);
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), seed)) {
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, VersionIds.next(Instant.now()), null, "compact",
                    "siamese", inputSize, 8, new Manifest.PreprocessingSpec(inputSize, inputSize, false, "L", "0..1"), "euclidean",
                    "contrastive", 2.0, threshold,
                    new Manifest.TrainingSummary("untrained test model", 0, 0, 0, 0, 64, 5e-4, seed),
                    Map.of(), Instant.now().toString(), null, null, "test");
            return Checkpoints.save(m, manifest, dir);
        }
    }
}
