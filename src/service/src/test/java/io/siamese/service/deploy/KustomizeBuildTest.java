package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kustomization under deploy/k8s builds with the real kustomize (kubectl's, from the {@code kubectl}
 * package, which {@code ./siamese test} installs), and the GPU overlay's patch lands.
 */
class KustomizeBuildTest {

    /** Runs {@code kubectl kustomize dir} and returns what it printed; fails with its output otherwise. */
    static String kustomize(Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not installed: install the kubectl package"
                    + " (./siamese test does)", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + ":\n" + text);
        return text;
    }

    @Test
    void shouldBuildEveryKustomization() throws Exception {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(DeployTree.deploy("k8s"))) {
            dirs = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
                    .sorted().toList();
        }
        assertEquals(4, dirs.size(), "base, overlays/gpu, autoscaling, monitoring: " + dirs);
        for (Path dir : dirs) {
            assertFalse(kustomize(dir).isBlank(), dir + " renders nothing");
        }
    }

    @Test
    void shouldRenderTheGpuOverlayWithItsRolloutAndProbes() throws Exception {
        String gpu = kustomize(DeployTree.deploy("k8s/overlays/gpu"));
        assertTrue(gpu.contains("nvidia.com/gpu: \"1\""), gpu);
        assertTrue(gpu.contains("maxSurge: 0"), "the patch's rollout strategy is in the rendered Deployment");
        assertTrue(gpu.contains("path: /q/health/started"), "the startup probe waits for nothing external");
    }
}
