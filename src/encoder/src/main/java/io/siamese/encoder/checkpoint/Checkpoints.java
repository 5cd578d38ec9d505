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
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and loads checkpoint directories: {@value #MANIFEST} plus the parameter file it names (DJL
 * parameter format, {@value #PARAMETERS} in a new directory). Saving writes complete, hashed, fsynced
 * files beside the target and moves them into place, so a reader never sees half a checkpoint. Loading
 * verifies the hash and the manifest before the weights are handed out.
 */
public final class Checkpoints {

    /** Manifest file name. */
    public static final String MANIFEST = "manifest.json";
    /** Parameter file name. */
    public static final String PARAMETERS = "parameters.params";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {}

    /**
     * Writes {@code model} and {@code manifest} to {@code dir}, replacing what was there. At every moment,
     * crash or power loss included, {@code dir} holds either the old checkpoint or the new one, complete and
     * fsynced (see {@link CheckpointWriter}); a save that fails leaves no temporary files behind.
     *
     * @return the manifest as written, with the parameter file's name and sha256 filled in
     */
    public static Manifest save(SiameseModel model, Manifest manifest, Path dir) {
        try {
            return new CheckpointWriter(JSON).save(model, manifest, dir);
        } catch (IOException e) {
            throw new CheckpointException("cannot save checkpoint to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads and validates a manifest without loading weights or checking the hash. */
    public static Manifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw CheckpointException.incomplete("not a checkpoint: " + dir + " has no " + MANIFEST, null);
        }
        Manifest m;
        try {
            m = JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw CheckpointException.incomplete("checkpoint " + dir + ": unreadable " + MANIFEST + ": " + e.getMessage(), e);
        }
        validate(dir, m);
        return m;
    }

    /**
     * Loads a checkpoint and checks its manifest and the sha256 of its parameters. The parameter file is read
     * once: the bytes hashed are the bytes loaded, so a file replaced meanwhile cannot slip in unverified. The
     * network is returned only once the hash matched.
     *
     * @param dir checkpoint directory
     * @param device where to put the weights
     * @throws CheckpointException naming the checkpoint and what is wrong
     */
    public static Checkpoint load(Path dir, Device device) {
        return load(dir, device, Files::newInputStream);
    }

    /** {@link #load(Path, Device)}, opening the parameter file through {@code opener}. */
    static Checkpoint load(Path dir, Device device, ParameterReader.Opener opener) {
        return ParameterReader.read(dir, opener, (m, in) -> loadHashed(dir, m, in, device));
    }

    /**
     * Checks a checkpoint without building its network: a valid manifest and parameters with its sha256.
     *
     * @return the verified manifest
     * @throws CheckpointException naming the checkpoint and what is wrong
     */
    public static Manifest verify(Path dir) {
        return ParameterReader.read(dir, Files::newInputStream, (m, in) -> {
            in.checkHash();
            return m;
        });
    }

    private static Checkpoint loadHashed(Path dir, Manifest m, ParameterReader.HashedInput in, Device device) {
        ModelSpec spec = specOf(m);
        SiameseModel model = SiameseModel.create(spec, device, 0);
        try {
            // DJL replaces arrays without checking their shapes: compare against the built network.
            Map<String, Shape> expected = shapes(model);
            Exception unfit = null;
            try {
                model.block().loadParameters(model.djlModel().getNDManager(), new DataInputStream(in.stream()));
                Map<String, Shape> loaded = shapes(model);
                if (!loaded.equals(expected)) {
                    unfit = new MalformedModelException("parameter shapes " + loaded + " differ from the network's " + expected);
                }
            } catch (IOException | MalformedModelException | RuntimeException e) {
                unfit = e;
            }
            // A truncated or damaged file usually also fails to parse: the hash says which it is.
            in.checkHash();
            if (unfit != null) {
                throw new CheckpointException("checkpoint " + dir + ": parameters do not fit a " + spec.architecture().id()
                        + " network (" + spec.mode().id() + ", input " + spec.inputSize() + ", embedding "
                        + spec.embeddingDim() + "): " + unfit.getMessage(), unfit);
            }
            return new Checkpoint(dir, m, model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
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
        MessageDigest digest = CheckpointWriter.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
