package io.siamese.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the same seed network in plain PyTorch ({@code bench/pytorch_seed.py} under Debian's
 * {@code /usr/bin/python3} with {@code python3-torch}), with glibc malloc (no preload), so the
 * two figures come from one run on one machine.
 */
public final class PyTorchBaseline {

    /** Interpreter with Debian's python3-torch. */
    static final String PYTHON = "/usr/bin/python3";

    /**
     * @param forward images/s per batch size
     * @param trainStepMillis one 64-pair contrastive step
     * @param version torch version
     */
    public record Result(Map<Integer, Double> forward, double trainStepMillis, String version) {}

    private PyTorchBaseline() {}

    /**
     * Runs the script; empty with a reason printed when PyTorch is not installed.
     *
     * @param script path of pytorch_seed.py
     */
    public static Optional<Result> run(Path script, int[] batchSizes, double seconds, int trainSteps)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON)) || !Files.isRegularFile(script)) {
            System.err.println("PyTorch baseline skipped: " + PYTHON + " or " + script + " missing");
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), "--seconds", String.valueOf(seconds),
                "--train-steps", String.valueOf(trainSteps), "--batches"));
        for (int b : batchSizes) {
            cmd.add(String.valueOf(b));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        // Plain means plain: no preloaded allocator, as a user running the script would have it.
        pb.environment().remove("LD_PRELOAD");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            System.err.println("PyTorch baseline failed (is python3-torch installed? apt-get install python3-torch"
                    + " libopenblas0-pthread)");
            return Optional.empty();
        }
        String last = out.substring(out.lastIndexOf('\n') + 1);
        JsonNode json = new ObjectMapper().readTree(last);
        Map<Integer, Double> forward = new LinkedHashMap<>();
        json.get("forward").fields().forEachRemaining(e -> forward.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
        return Optional.of(new Result(forward, json.get("train_step_ms").asDouble(), json.get("torch").asText()));
    }
}
