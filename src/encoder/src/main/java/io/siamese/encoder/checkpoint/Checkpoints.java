package io.siamese.encoder.checkpoint;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.siamese.encoder.Distance;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and loads checkpoint directories: {@value #PARAMETERS} (DJL parameter format) plus
 * {@value #MANIFEST}. Saving writes a complete, hashed directory beside the target and moves it
 * into place, so a reader never sees half a checkpoint. Loading verifies the hash and the manifest
 * before any weights are used.
 */
public final class Checkpoints {

    /** Manifest file name. */
    public static final String MANIFEST = "manifest.json";
    /** Parameter file name. */
    public static final String PARAMETERS = "parameters.params";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    

    private Checkpoints() {}

    /**
     * Writes {@code model} and {@code manifest} to {@code dir}, replacing what was there.
     *
     * @return the manifest as written, with the parameter file's name and sha256 filled in
     */
    public static Manifest save(SiameseModel model, Manifest manifest, Path dir) {
        Path absolute = dir.toAbsolutePath();
        Path staging = absolute.resolveSibling(absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(staging);
            Files.createDirectories(staging);
            Path params = staging.resolve(PARAMETERS);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
                model.block().saveParameters(out);
            }
            Manifest written = manifest.withParameters(PARAMETERS, sha256(params));
            JSON.writeValue(staging.resolve(MANIFEST).toFile(), written);
            deleteRecursively(absolute);
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            throw new CheckpointException("cannot save checkpoint to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads and validates a manifest without loading weights or checking the hash. */
    public static Manifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("not a checkpoint: " + dir + " has no " + MANIFEST);
        }
        Manifest m;
        try {
            m = JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new CheckpointException("checkpoint " + dir + ": unreadable " + MANIFEST + ": " + e.getMessage(), e);
        }
        validate(dir, m);
        return m;
    }

    /**
     * Loads a checkpoint after checking its manifest and the sha256 of its parameters.
     *
     * @param dir checkpoint directory
     * @param device where to put the weights
     * @throws CheckpointException naming the checkpoint and what is wrong
     */
    public static Checkpoint load(Path dir, Device device) {
        Manifest m = readManifest(dir);
        Path params = dir.resolve(m.parametersFile());
        if (!Files.isRegularFile(params)) {
            throw new CheckpointException("checkpoint " + dir + " is incomplete: " + m.parametersFile() + " is missing");
        }
        String actual;
        try {
            actual = sha256(params);
        } catch (IOException e) {
            throw new CheckpointException("checkpoint " + dir + ": cannot read " + params + ": " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(m.parametersSha256())) {
            throw new CheckpointException("checkpoint " + dir + " is corrupt: " + m.parametersFile()
                    + " has sha256 " + actual + " but the manifest says " + m.parametersSha256());
        }
        ModelSpec spec = specOf(m);
        SiameseModel model = SiameseModel.create(spec, device, 0);
        // DJL replaces arrays without checking their shapes: compare against the built network.
        Map<String, Shape> expected = shapes(model);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(params))) {
            model.block().loadParameters(model.djlModel().getNDManager(), new DataInputStream(in));
            Map<String, Shape> loaded = shapes(model);
            if (!loaded.equals(expected)) {
                throw new MalformedModelException("parameter shapes " + loaded + " differ from the network's " + expected);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new CheckpointException("checkpoint " + dir + ": parameters do not fit a " + spec.architecture().id()
                    + " network (" + spec.mode().id() + ", input " + spec.inputSize() + ", embedding "
                    + spec.embeddingDim() + "): " + e.getMessage(), e);
        }
        return new Checkpoint(dir, m, model);
    }

    /** The network a manifest describes. */
    public static ModelSpec specOf(Manifest m) {
        return new ModelSpec(Architecture.parse(m.architecture()), Mode.parse(m.mode()), m.inputSize(),
                m.embeddingDim(), m.preprocessing().invert());
    }

    private static Map<String, Shape> shapes(SiameseModel model) {
        Map<String, Shape> out = new TreeMap<>();
        model.block().getParameters().forEach(p -> out.put(p.getKey(), p.getValue().getArray().getShape()));
        return out;
    }

    private static void validate(Path dir, Manifest m) {
        String where = "checkpoint " + dir + ": ";
        if (m.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new CheckpointException(where + "manifest format " + m.formatVersion()
                    + " is not supported (this build reads format " + Manifest.FORMAT_VERSION + ")");
        }
        require(where, m.version(), "version");
        require(where, m.parametersFile(), "parametersFile");
        require(where, m.parametersSha256(), "parametersSha256");
        if (m.preprocessing() == null) {
            throw new CheckpointException(where + "manifest has no preprocessing");
        }
        if (m.preprocessing().width() != m.inputSize() || m.preprocessing().height() != m.inputSize()) {
            throw new CheckpointException(where + "preprocessing " + m.preprocessing().width() + "x"
                    + m.preprocessing().height() + " does not match input size " + m.inputSize());
        }
        if (m.parametersFile().contains("/") || m.parametersFile().contains("..")) {
            throw new CheckpointException(where + "parametersFile must be a plain file name, got " + m.parametersFile());
        }
        if (!Double.isFinite(m.threshold())) {
            throw new CheckpointException(where + "threshold is not a finite number");
        }
        try {
            specOf(m);
            Distance.parse(m.distance());
            LossKind.parse(String.valueOf(m.loss()));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + e.getMessage(), e);
        }
    }

    private static void require(String where, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new CheckpointException(where + "manifest has no " + field);
        }
    }

    /** Hex sha256 of a file. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
