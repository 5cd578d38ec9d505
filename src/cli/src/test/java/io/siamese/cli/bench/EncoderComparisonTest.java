package io.siamese.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.InferencePrecision;
import io.siamese.encoder.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderComparisonTest {

    @TempDir
    Path dir;

    /** A stand-in for the PyTorch script: fixed figures, and a log line per run so the order can be checked. */
    private PyTorchBaseline fixedBaseline(double imagesPerSecond) throws Exception {
        Path script = dir.resolve("fixed.py");
        Files.writeString(script, """
                import json, sys
                open(sys.argv[0] + ".log", "a").write("pytorch\\n")
                print(json.dumps({"torch": "9.9", "blas": "/lib/libopenblas.so", "blas_info": "open", "threads": 2,
                                  "forward": {"1": %s, "8": %s}, "variant": {"1": "optimized", "8": "eager"}}))
                """.formatted(imagesPerSecond, imagesPerSecond));
        return new PyTorchBaseline(PyTorchBaseline.DEBIAN_PYTHON, script);
    }

    @Test
    void shouldAlternateTheSidesRoundByRoundAndTakeEachRatioWithinItsRound() throws Exception {
        EncoderBenchmark djl = new EncoderBenchmark(ModelSpec.defaults(Architecture.COMPACT), Device.cpu(), 0.05, InferencePrecision.FP32);
        List<String> order = new ArrayList<>();

        EncoderComparison.Result r = new EncoderComparison(djl, Optional.of(fixedBaseline(100)), Architecture.COMPACT,
                0.05, 2).run(3, new int[] {1, 8}, order::add);

        assertEquals(List.of("round 1/3 DJL", "round 1/3 PyTorch", "round 2/3 DJL", "round 2/3 PyTorch",
                "round 3/3 DJL", "round 3/3 PyTorch"), order);
        assertEquals(3, Files.readAllLines(dir.resolve("fixed.py.log")).size(), "the baseline ran once per round");
        assertEquals(3, r.ratio(8).count());
        for (EncoderComparison.Round round : r.rounds()) {
            assertTrue(round.djl().get(8) > 0);
        }
        assertEquals(r.djl(8).median() / 100, r.ratio(8).median(), 1e-9, "the baseline is 100 img/s in every round");
        assertEquals("optimized", r.baselineConfiguration().orElseThrow().variant().get(1));
    }

    @Test
    void shouldMeasureDjlAloneWithoutABaseline() throws Exception {
        EncoderBenchmark djl = new EncoderBenchmark(ModelSpec.defaults(Architecture.COMPACT), Device.cpu(), 0.05, InferencePrecision.FP32);

        EncoderComparison.Result r = new EncoderComparison(djl, Optional.empty(), Architecture.COMPACT, 0.05, 2)
                .run(2, new int[] {1}, s -> {});

        assertFalse(r.hasBaseline());
        assertEquals(2, r.djl(1).count());
    }
}
