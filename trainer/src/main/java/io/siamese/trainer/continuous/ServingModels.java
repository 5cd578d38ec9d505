package io.siamese.trainer.continuous;

import io.siamese.encoder.checkpoint.CheckpointException;
import io.siamese.encoder.checkpoint.CheckpointStore;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.Manifest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the model in service, which a round warm-starts from and compares against: the version this trainer
 * last promoted (its state says which), else the newest checkpoint in the store (by creation time, as the
 * service orders them), else the initial model. The state comes first because a version can be stored and
 * not announced when the trainer dies between the two steps; the service never serves that one.
 */
final class ServingModels {

    private ServingModels() {}

    /**
     * @param store the checkpoint store
     * @param remembered the version the state file names, or null
     * @param initial the model to use when the store holds none
     * @return the serving model's checkpoint directory
     */
    static Path resolve(CheckpointStore store, String remembered, Path initial) {
        if (remembered != null) {
            Optional<Path> dir = store.open(remembered);
            if (dir.isPresent()) {
                return dir.get();
            }
        }
        return store.versions().stream()
                .flatMap(v -> store.open(v).stream())
                .flatMap(dir -> readable(dir).stream())
                .max(Comparator.comparing(Located::created).thenComparing(Located::version))
                .map(Located::dir)
                .orElse(initial);
    }

    private record Located(Path dir, String version, Instant created) {}

    private static Optional<Located> readable(Path dir) {
        try {
            Manifest m = Checkpoints.readManifest(dir);
            return Optional.of(new Located(dir, m.version(), Instant.parse(m.createdAt())));
        } catch (CheckpointException | java.time.format.DateTimeParseException e) {
            return Optional.empty(); // a broken version in the store is not a base to train from
        }
    }
}
