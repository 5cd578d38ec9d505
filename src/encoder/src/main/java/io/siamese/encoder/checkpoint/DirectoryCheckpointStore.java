package io.siamese.encoder.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A checkpoint store on a file system (a local disk or a shared volume): {@code root/<version>/}.
 * A checkpoint is copied into a staging directory, fsynced and moved into place, so readers never see a
 * half-written one, not even after a power loss. Version ids are checked against a strict pattern so no event can make the
 * service read outside the root.
 */
public final class DirectoryCheckpointStore implements CheckpointStore {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;

    /** @param root directory holding one sub-directory per version (created when missing) */
    public DirectoryCheckpointStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String put(Path source) {
        Manifest m = Checkpoints.readManifest(source);
        String version = requireValid(m.version());
        Path target = root.resolve(version);
        Path staging = root.resolve("." + version + ".staging-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(staging);
            for (String file : List.of(Checkpoints.MANIFEST, m.parametersFile())) {
                Files.copy(source.resolve(file), staging.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                CheckpointWriter.fsyncFile(staging.resolve(file));
            }
            // Durable before it is visible: a power loss must not leave a renamed but empty version.
            CheckpointWriter.fsyncDirectory(staging);
            if (Files.exists(target)) {
                throw new CheckpointException("checkpoint store " + root + " already holds version " + version);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            CheckpointWriter.fsyncDirectory(root);
        } catch (IOException e) {
            throw new CheckpointException("cannot store checkpoint " + version + " in " + root + ": " + e.getMessage(), e);
        }
        return target.toString();
    }

    @Override
    public Optional<Path> open(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        Path dir = root.resolve(version);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    @Override
    public List<String> versions() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> VERSION.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private String requireValid(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new CheckpointException("checkpoint version '" + version + "' is not a valid store key");
        }
        return version;
    }
}
