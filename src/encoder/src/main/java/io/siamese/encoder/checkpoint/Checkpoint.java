package io.siamese.encoder.checkpoint;

import io.siamese.encoder.Distance;
import io.siamese.encoder.model.SiameseModel;
import java.nio.file.Path;

/**
 * A loaded checkpoint: the network with its weights, and the manifest saying how to use it.
 * Closing it frees the network's native memory.
 *
 * @param directory where it was loaded from
 * @param manifest its verified manifest
 * @param model the network
 */
public record Checkpoint(Path directory, Manifest manifest, SiameseModel model) implements AutoCloseable {

    /** The checkpoint's version id. */
    public String version() {
        return manifest.version();
    }

    /** The distance the threshold was calibrated for. */
    public Distance distance() {
        return Distance.parse(manifest.distance());
    }

    /** Distance at or below which a pair is judged SAME. */
    public double threshold() {
        return manifest.threshold();
    }

    @Override
    public void close() {
        model.close();
    }
}
