package io.siamese.encoder.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siamese.encoder.model.SiameseModel;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Writes a checkpoint so that its directory always holds one complete, valid checkpoint, even across a
 * crash or a power loss. Everything is written and fsynced in a temporary directory beside the target
 * first. A new target is that directory, renamed into place. An existing target is updated in place with
 * the manifest as the commit point: the new parameters go in under a name the current manifest does not
 * use, then the manifest is atomically replaced, then the old parameters are deleted. rename(2) cannot
 * replace a non-empty directory, which is why an existing target is not swapped whole. One writer per
 * target at a time.
 */
final class CheckpointWriter {

    private static final String TEMP_INFIX = ".tmp-";

    private final ObjectMapper json;

    CheckpointWriter(ObjectMapper json) {
        this.json = json;
    }

    Manifest save(SiameseModel model, Manifest manifest, Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
            throw new IOException(target + " exists and is not a directory");
        }
        String prefix = "." + target.getFileName() + TEMP_INFIX;
        deleteLeftovers(parent, prefix);
        Path staging = Files.createTempDirectory(parent, prefix);
        try {
            String sha256 = writeParameters(model, staging.resolve(Checkpoints.PARAMETERS));
            if (!Files.isDirectory(target)) {
                Manifest written = manifest.withParameters(Checkpoints.PARAMETERS, sha256);
                writeManifest(written, staging.resolve(Checkpoints.MANIFEST));
                fsyncDirectory(staging);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(parent);
                return written;
            }
            return replaceIn(target, staging, manifest, sha256);
        } finally {
            deleteRecursively(staging);
        }
    }

    private Manifest replaceIn(Path target, Path staging, Manifest manifest, String sha256) throws IOException {
        String name = Checkpoints.PARAMETERS.equals(parametersNamedIn(target))
                ? "parameters-" + sha256.substring(0, 16) + ".params" : Checkpoints.PARAMETERS;
        Files.move(staging.resolve(Checkpoints.PARAMETERS), target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target);
        Manifest written = manifest.withParameters(name, sha256);
        writeManifest(written, staging.resolve(Checkpoints.MANIFEST));
        // The commit point: before this rename the old checkpoint is complete, after it the new one.
        Files.move(staging.resolve(Checkpoints.MANIFEST), target.resolve(Checkpoints.MANIFEST),
                StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(target);
        try (Stream<Path> files = Files.list(target)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("parameters") && n.endsWith(".params") && !n.equals(name)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return written;
    }

    /** The parameter file the target's manifest names, read leniently (null when it names none). */
    private String parametersNamedIn(Path target) {
        try {
            JsonNode node = json.readTree(target.resolve(Checkpoints.MANIFEST).toFile());
            return node == null ? null : node.path("parametersFile").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes the parameters, fsyncs them and returns their sha256 (hashed as written: no second read). */
    private static String writeParameters(SiameseModel model, Path file) throws IOException {
        MessageDigest digest = sha256();
        try (FileOutputStream fos = new FileOutputStream(file.toFile())) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(fos, digest)));
            model.block().saveParameters(out);
            out.flush();
            fos.getFD().sync();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void writeManifest(Manifest manifest, Path file) throws IOException {
        try (FileOutputStream fos = new FileOutputStream(file.toFile())) {
            fos.write(json.writeValueAsBytes(manifest));
            fos.getFD().sync();
        }
    }

    /** Makes a file's content durable. */
    static void fsyncFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes renames and new entries in {@code dir} durable (a rename is only as durable as its directory). */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Temporary directories of this target left by a save that crashed. */
    private static void deleteLeftovers(Path parent, String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteRecursively(p);
            }
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
