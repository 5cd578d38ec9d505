package io.siamese.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siamese.encoder.model.Architecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same encoder networks in plain PyTorch ({@code bench/pytorch_encoder.py} under Debian's
 * {@code python3-torch}), measured the fastest standard way the script finds: the BLAS the process
 * loads, one intra-op thread per core, eval mode, {@code no_grad}, and the faster of eager, frozen
 * TorchScript and frozen TorchScript optimised for inference (oneDNN). It inherits this process's
 * environment, so both sides run with the same allocator.
 */
public final class PyTorchBaseline {

    /** Debian's interpreter, where {@code python3-torch} installs. */
    public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

    /** What to install when the baseline cannot run. */
    static final String INSTALL_HINT = "apt-get install python3-torch libopenblas0-pthread";

    /**
     * One run of the script.
     *
     * @param torchVersion PyTorch's version
     * @param blas the BLAS libraries the process loaded
     * @param blasInfo the BLAS PyTorch was built against ({@code torch.__config__.show()})
     * @param threads PyTorch's intra-op threads
     * @param forward images/s per batch size, the fastest way
     * @param variant which way was fastest per batch size (eager, frozen, optimized)
     */
    public record Result(String torchVersion, String blas, String blasInfo, int threads,
            Map<Integer, Double> forward, Map<Integer, String> variant) {}

    /** The network the script builds: how many trainable values, what it outputs. */
    public record Description(int inputSize, long parameters, int embeddingDim) {}

    private final Path python;
    private final Path script;

    /**
     * @param python the interpreter ({@link #DEBIAN_PYTHON})
     * @param script {@code bench/pytorch_encoder.py}
     */
    public PyTorchBaseline(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** Forward images/s of {@code architecture} per batch size, each measured for {@code seconds}. */
    public Result run(Architecture architecture, int[] batchSizes, double seconds, int threads)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--arch", architecture.id(), "--seconds", String.valueOf(seconds),
                "--threads", String.valueOf(threads), "--batches"));
        for (int b : batchSizes) {
            args.add(String.valueOf(b));
        }
        JsonNode json = runScript(args);
        Map<Integer, Double> forward = new LinkedHashMap<>();
        json.get("forward").fields().forEachRemaining(e -> forward.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
        Map<Integer, String> variant = new LinkedHashMap<>();
        json.get("variant").fields().forEachRemaining(e -> variant.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
        return new Result(json.get("torch").asText(), json.get("blas").asText(), json.get("blas_info").asText(),
                json.get("threads").asInt(), forward, variant);
    }

    /** What the script builds for {@code architecture}, to check that it is the same network. */
    public Description describe(Architecture architecture) throws IOException, InterruptedException {
        JsonNode json = runScript(List.of("--arch", architecture.id(), "--describe"));
        return new Description(json.get("input_size").asInt(), json.get("parameters").asLong(), json.get("output").get(1).asInt());
    }

    private JsonNode runScript(List<String> args) throws IOException, InterruptedException {
        if (!Files.isExecutable(python)) {
            throw new BaselineUnavailableException(python + " not found; the baseline needs Debian's PyTorch: " + INSTALL_HINT);
        }
        if (!Files.isRegularFile(script)) {
            throw new BaselineUnavailableException(script + " not found (run from the repository)");
        }
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
        cmd.addAll(args);
        Path err = Files.createTempFile("pytorch-baseline", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BaselineUnavailableException("the PyTorch baseline did not finish in 30 minutes");
            }
            String stderr = Files.readString(err);
            if (p.exitValue() != 0) {
                String hint = stderr.contains("No module named 'torch'") ? " (install it: " + INSTALL_HINT + ")" : "";
                throw new BaselineUnavailableException("the PyTorch baseline failed" + hint + ": " + lastLine(stderr));
            }
            return new ObjectMapper().readTree(lastLine(out));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String lastLine(String text) {
        String t = text.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }

    /** The baseline cannot run here; the message says what to install. */
    public static final class BaselineUnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BaselineUnavailableException(String message) {
            super(message);
        }
    }
}
