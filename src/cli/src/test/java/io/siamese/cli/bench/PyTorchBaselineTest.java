package io.siamese.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PyTorchBaselineTest {

    private static final Path SCRIPT =
            Path.of(System.getProperty("siamese.home", "../..")).resolve("bench/pytorch_encoder.py");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void shouldBuildTheSameNetworkAsTheEncoder(Architecture architecture) throws Exception {
        PyTorchBaseline.Description d = new PyTorchBaseline(PyTorchBaseline.DEBIAN_PYTHON, SCRIPT).describe(architecture);

        ModelSpec spec = ModelSpec.defaults(architecture);
        try (SiameseModel model = SiameseModel.create(spec, Device.cpu(), 1)) {
            long trainable = model.block().getParameters().values().stream()
                    .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            assertEquals(trainable, d.parameters(), "trainable values");
        }
        assertEquals(spec.inputSize(), d.inputSize());
        assertEquals(spec.embeddingDim(), d.embeddingDim());
    }

    @Test
    void shouldMeasureEachBatchSizeTheFastestWayAndSayWhich() throws Exception {
        PyTorchBaseline.Result r = new PyTorchBaseline(PyTorchBaseline.DEBIAN_PYTHON, SCRIPT)
                .run(Architecture.COMPACT, new int[] {1, 4}, 0.05, 1);

        assertEquals(Map.of(1, r.forward().get(1), 4, r.forward().get(4)), r.forward());
        assertTrue(r.forward().get(4) > 0);
        assertTrue(r.variant().get(1).matches("eager|frozen|optimized"), r.variant().toString());
        assertEquals(1, r.threads());
        assertTrue(r.torchVersion().matches("\\d+\\.\\d+.*"), r.torchVersion());
        assertTrue(r.blas().contains("blas"), "the loaded BLAS library is named: " + r.blas());
    }

    @Test
    void shouldNameThePackagesWhenTorchIsMissing() throws Exception {
        Path script = dir.resolve("any.py");
        Files.writeString(script, "import torch\n");
        // An interpreter without PyTorch, as on a machine where python3-torch is not installed.
        Path fakePython = dir.resolve("python3");
        Files.writeString(fakePython, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
        assertTrue(fakePython.toFile().setExecutable(true));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PyTorchBaseline(fakePython, script).run(Architecture.COMPACT, new int[] {1}, 0.1, 1));

        assertTrue(e.getMessage().contains("apt-get install python3-torch"), e.getMessage());
    }

    @Test
    void shouldNameTheInterpreterWhenItIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PyTorchBaseline(dir.resolve("nowhere/python3"), SCRIPT).describe(Architecture.SEED));

        assertTrue(e.getMessage().contains("python3-torch"), e.getMessage());
    }
}
