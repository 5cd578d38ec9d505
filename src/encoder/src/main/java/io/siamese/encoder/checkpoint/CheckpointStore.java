package io.siamese.encoder.checkpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where checkpoints live, by version. The trainer writes complete, hashed checkpoints here before
 * announcing them; the service loads only from here, never from a location named in an event.
 * A directory is the built-in store ({@link DirectoryCheckpointStore}); object storage can implement
 * this interface (download to a local cache in {@link #open}).
 */
public interface CheckpointStore {

    /**
     * Stores the checkpoint directory {@code source} under its manifest's version.
     *
     * @return the stored checkpoint's location (as announced in events)
     */
    String put(Path source);

    /**
     * A local directory holding the checkpoint of {@code version}, if the store has it.
     *
     * @param version a checkpoint version id
     */
    Optional<Path> open(String version);

    /** Versions held, oldest first. */
    List<String> versions();

    /** A human description, e.g. the root directory. */
    String describe();
}
