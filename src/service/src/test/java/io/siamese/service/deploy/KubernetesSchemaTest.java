package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every object that the kustomizations render validates against its schema: Kubernetes' OpenAPI schemas and the
 * KEDA and Prometheus Operator CRD schemas, as compiled into the npm packages {@code kubernetes-models},
 * {@code @kubernetes-models/keda} and {@code @kubernetes-models/prometheus-operator} (versions pinned by
 * deploy/k8s/validate/package-lock.json, installed from the npm registry with {@code npm ci}). Types, enums,
 * formats and required fields are checked; unknown fields are not (the schemas allow them).
 */
class KubernetesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path validator;

    @BeforeAll
    static void installValidator() throws Exception {
        Path dir = Path.of("target", "k8s-validate").toAbsolutePath();
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(DeployTree.deploy("k8s/validate/" + file), dir.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/kubernetes-models"))) {
            Run install = run(dir, null, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
            assertEquals(0, install.status(), "npm ci in " + dir + ":\n" + install.output());
        }
        validator = dir.resolve("validate.mjs");
    }

    @Test
    void shouldValidateEveryRenderedObjectOfEveryKustomization() throws Exception {
        for (String kustomization : List.of("base", "overlays/gpu", "autoscaling", "monitoring")) {
            ArrayNode objects = render(kustomization);
            Run result = validate(objects);

            assertEquals(0, result.status(), kustomization + ":\n" + result.output());
            assertEquals(objects.size(), result.output().lines().filter(l -> l.startsWith("valid ")).count(),
                    kustomization + ": one verdict per object:\n" + result.output());
        }
    }

    @Test
    void shouldRejectObjectsThatBreakTheirSchema() throws Exception {
        ArrayNode broken = JSON.createArrayNode();
        for (var object : render("base")) {
            if (object.path("kind").asText().equals("Deployment")) {
                ((ObjectNode) object.path("spec")).put("replicas", "two");
                broken.add(object);
            }
        }
        for (var object : render("monitoring")) {
            if (object.path("kind").asText().equals("PodMonitor")) {
                ((ObjectNode) object.path("spec")).put("podMetricsEndpoints", "/q/metrics");
                broken.add(object);
            }
        }

        Run result = validate(broken);

        assertEquals(1, result.status(), result.output());
        assertEquals(broken.size(), result.output().lines().filter(l -> l.startsWith("invalid ")).count(),
                result.output());
        assertTrue(result.output().contains("spec/replicas must be integer"), result.output());
        assertTrue(result.output().contains("spec/podMetricsEndpoints must be array"), result.output());
    }

    private static ArrayNode render(String kustomization) throws IOException, InterruptedException {
        String yaml = KustomizeBuildTest.kustomize(DeployTree.deploy("k8s/" + kustomization));
        Path file = Files.createTempFile("rendered", ".yaml");
        try {
            Files.writeString(file, yaml);
            ArrayNode objects = JSON.createArrayNode();
            DeployTree.yaml(file).forEach(objects::add);
            return objects;
        } finally {
            Files.delete(file);
        }
    }

    private static Run validate(ArrayNode objects) throws IOException, InterruptedException {
        return run(validator.getParent(), JSON.writeValueAsBytes(objects), "node", validator.toString());
    }

    private record Run(int status, String output) {
    }

    private static Run run(Path dir, byte[] input, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is not installed: install Node.js and npm (Debian packages"
                    + " nodejs and npm; ./siamese test does)", e);
        }
        if (input != null) {
            p.getOutputStream().write(input);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
