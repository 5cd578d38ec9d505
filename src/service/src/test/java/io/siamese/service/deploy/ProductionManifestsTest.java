package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.siamese.service.deploy.DeployTree.Dockerfile;
import io.siamese.service.deploy.DeployTree.K8sObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a production cluster asks of the manifests beyond parsing and building: Pod Security "restricted",
 * probes that do not restart a pod for a slow dependency, replica counts left to the autoscaler, rollouts
 * that fit the GPUs there are, disruption budgets, network policies, ephemeral storage, the Prometheus
 * Operator's labels, and images built from the right Maven profile.
 */
class ProductionManifestsTest {

    private static List<K8sObject> k8s;

    @BeforeAll
    static void load() {
        k8s = DeployTree.kubernetesObjects();
    }

    private static List<K8sObject> workloads() {
        return k8s.stream().filter(o -> Set.of("Deployment", "Job", "StatefulSet", "DaemonSet").contains(o.kind())
                && o.under("base")).toList();
    }

    private static JsonNode podSpec(K8sObject workload) {
        return workload.doc().path("spec").path("template").path("spec");
    }

    private static K8sObject single(String kind, String name) {
        return DeployTree.single(k8s, kind, name, "base");
    }

    @Test
    void shouldMeetTheRestrictedPodSecurityStandardInEveryWorkload() {
        assertFalse(workloads().isEmpty());
        for (K8sObject w : workloads()) {
            JsonNode pod = podSpec(w);
            String where = w.kind() + " " + w.name();
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + " runAsNonRoot");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(),
                    where + " seccompProfile");
            assertTrue(pod.path("hostNetwork").isMissingNode() && pod.path("hostPID").isMissingNode(), where);
            for (JsonNode c : pod.path("containers")) {
                JsonNode sc = c.path("securityContext");
                String container = where + " container " + c.path("name").asText();
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), container + " allowPrivilegeEscalation");
                assertTrue(DeployTree.strings(sc.path("capabilities").path("drop")).contains("ALL"), container + " drops ALL");
                assertTrue(sc.path("capabilities").path("add").isMissingNode(), container + " adds no capability");
                assertFalse(sc.path("privileged").asBoolean(false), container);
            }
            for (JsonNode v : pod.path("volumes")) {
                assertTrue(v.path("hostPath").isMissingNode(), where + " volume " + v.path("name").asText());
            }
        }
    }

    @Test
    void shouldGiveEveryKafkaClientItsOwnMountedClientConfigSecret() {
        Map<String, String> secrets = new java.util.HashMap<>();
        for (String[] w : new String[][] {{"Deployment", "siamese-service", "siamese-service-config"},
                {"Deployment", "siamese-trainer", "siamese-trainer-config"}, {"Job", "siamese-schemas", null},
                {"Job", "siamese-topics", null}}) {
            JsonNode pod = podSpec(single(w[0], w[1]));
            JsonNode volume = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.path("name").asText().equals("client-config")) {
                    volume = v;
                }
            }
            assertTrue(volume != null, w[1] + " mounts no client-config volume");
            assertFalse(volume.path("secret").path("optional").asBoolean(false),
                    w[1] + ": an optional Secret would let the pod connect without credentials");
            secrets.put(w[1], volume.path("secret").path("secretName").asText());
            JsonNode mount = null;
            for (JsonNode m : pod.path("containers").get(0).path("volumeMounts")) {
                if (m.path("name").asText().equals("client-config")) {
                    mount = m;
                }
            }
            assertTrue(mount != null && mount.path("readOnly").asBoolean(), w[1] + " mounts it read-only");
            String file = mount.path("mountPath").asText() + "/client.properties";
            if (w[2] != null) {
                String named = single("ConfigMap", w[2]).doc().path("data").path("SIAMESE_CLIENT_CONFIG").asText();
                assertEquals(file, named, w[2] + " names the mounted file");
            }
        }
        assertEquals(Map.of("siamese-service", "siamese-service-client", "siamese-trainer", "siamese-trainer-client",
                "siamese-schemas", "siamese-setup-client", "siamese-topics", "siamese-setup-client"), secrets,
                "one principal per part, as PipelineAcls grants");
    }

    @Test
    void shouldRegisterSchemasOnceAndRunTheServiceWithoutAutoRegistration() {
        JsonNode config = single("ConfigMap", "siamese-service-config").doc().path("data");
        JsonNode job = podSpec(single("Job", "siamese-schemas")).path("containers").get(0);

        assertEquals("false", config.path("SIAMESE_REGISTRY_AUTO_REGISTER").asText());
        assertTrue(DeployTree.strings(job.path("command")).stream().anyMatch(c -> c.endsWith("SiameseCli schemas")),
                "the Job runs `siamese schemas`: " + job.path("command"));
    }

    @Test
    void shouldLeaveTheServicesReplicaCountToTheAutoscaler() {
        JsonNode service = single("Deployment", "siamese-service").doc();
        assertTrue(service.path("spec").path("replicas").isMissingNode(),
                "a replicas field resets KEDA's count on every apply");
    }

    @Test
    void shouldReplaceGpuPodsWithoutNeedingASpareGpu() {
        JsonNode patch = DeployTree.gpuPatch(k8s);
        JsonNode rolling = patch.path("spec").path("strategy").path("rollingUpdate");
        assertEquals(0, rolling.path("maxSurge").asInt(-1), "a surge pod waits for a GPU that every pod holds");
        assertEquals(1, rolling.path("maxUnavailable").asInt(), "one pod at a time");
    }

    @Test
    void shouldProbeTheTrainerOnItsMetricsPort() {
        JsonNode trainer = DeployTree.container(single("Deployment", "siamese-trainer").doc(), "trainer").orElseThrow();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = trainer.path(probe).path("httpGet");
            assertEquals("/q/metrics", get.path("path").asText(), probe);
            assertEquals("metrics", get.path("port").asText(), probe);
        }
    }

    @Test
    void shouldRequestTheEphemeralStorageItsEmptyDirsMayFill() {
        for (K8sObject w : workloads()) {
            long emptyDirs = 0;
            for (JsonNode v : podSpec(w).path("volumes")) {
                if (v.has("emptyDir")) {
                    assertFalse(v.path("emptyDir").path("sizeLimit").isMissingNode(), w.name() + " " + v.path("name"));
                    emptyDirs += bytes(v.path("emptyDir").path("sizeLimit").asText());
                }
            }
            if (emptyDirs > 0) {
                long requested = 0;
                for (JsonNode c : podSpec(w).path("containers")) {
                    requested += bytes(c.path("resources").path("requests").path("ephemeral-storage").asText("0"));
                }
                assertTrue(requested >= emptyDirs, w.name() + ": ephemeral-storage " + requested + " < emptyDirs " + emptyDirs);
            }
        }
        // The GPU overlay's larger DJL cache (and the base's Kafka Streams state) fit its own request.
        JsonNode patch = DeployTree.gpuPatch(k8s);
        JsonNode container = DeployTree.container(patch, "service").orElseThrow();
        long djl = bytes(patch.path("spec").path("template").path("spec").path("volumes").get(0).path("emptyDir")
                .path("sizeLimit").asText());
        long state = 0;
        for (JsonNode v : podSpec(single("Deployment", "siamese-service")).path("volumes")) {
            if (v.path("name").asText().equals("streams-state")) {
                state = bytes(v.path("emptyDir").path("sizeLimit").asText());
            }
        }
        assertTrue(state > 0);
        assertTrue(bytes(container.path("resources").path("requests").path("ephemeral-storage").asText("0")) >= djl + state,
                "the GPU pod's ephemeral-storage request covers its emptyDirs");
    }

    /** A Kubernetes quantity in bytes (Ki, Mi, Gi, Ti, or plain). */
    static long bytes(String quantity) {
        Map<String, Long> units = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40);
        for (var u : units.entrySet()) {
            if (quantity.endsWith(u.getKey())) {
                return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * u.getValue();
            }
        }
        return Long.parseLong(quantity);
    }

    @Test
    void shouldLetDrainsTakeOneServiceReplicaAtATime() {
        JsonNode pdb = single("PodDisruptionBudget", "siamese-service").doc().path("spec");
        assertEquals(1, pdb.path("maxUnavailable").asInt());
        assertEquals("siamese-service", pdb.path("selector").path("matchLabels").path("app.kubernetes.io/name").asText());
        assertTrue(k8s.stream().noneMatch(o -> o.kind().equals("PodDisruptionBudget") && o.name().equals("siamese-trainer")),
                "a budget for a single trainer would block every drain");
    }

    @Test
    void shouldAdmitOnlyKnownClientsToTheServiceAndTheTrainer() {
        for (String name : List.of("siamese-service", "siamese-trainer")) {
            JsonNode spec = single("NetworkPolicy", name).doc().path("spec");
            assertEquals(name, spec.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText());
            assertEquals(List.of("Ingress"), DeployTree.strings(spec.path("policyTypes")));
            List<String> ports = new ArrayList<>();
            for (JsonNode rule : spec.path("ingress")) {
                assertTrue(rule.path("from").size() > 0, name + ": an ingress rule without 'from' admits everyone");
                rule.path("ports").forEach(p -> ports.add(p.path("port").asText()));
            }
            assertEquals(List.of(name.equals("siamese-service") ? "http" : "metrics"), ports, name);
        }
    }

    @Test
    void shouldCarryTheLabelKubePrometheusStackSelects() {
        List<K8sObject> monitors = k8s.stream().filter(o -> o.kind().equals("PodMonitor")).toList();
        assertEquals(2, monitors.size());
        for (K8sObject m : monitors) {
            assertEquals("kube-prometheus-stack", m.doc().path("metadata").path("labels").path("release").asText(), m.name());
        }
    }

    @Test
    void shouldBuildEachImageOnlyFromTheMavenProfileItIsFor() throws IOException {
        String cpu = Files.readString(DeployTree.deploy("docker/Dockerfile.service"));
        String cuda = Files.readString(DeployTree.deploy("docker/Dockerfile.service-cuda"));
        assertTrue(cpu.contains("grep -q '^ai.djl.pytorch.pytorch-native-cpu-'"), "the CPU image checks its build");
        assertTrue(cuda.contains("grep -q '^ai.djl.pytorch.pytorch-native-cu124-'"), "the CUDA image checks its build");
        String from = String.join(" ", Dockerfile.read(DeployTree.deploy("docker/Dockerfile.service-cuda")).all("FROM"));
        assertTrue(from.contains("nvidia/cuda:12.4.1-base-"), "the jar bundles CUDA's libraries; the base adds none: " + from);
    }

    @Test
    void shouldLetPrometheusReachTheTrainerImagesMetrics() {
        Dockerfile trainer = Dockerfile.read(DeployTree.deploy("docker/Dockerfile.trainer"));
        String line = String.join(" ", trainer.all("CMD"));
        assertTrue(line.contains("\"--metrics-host\", \"0.0.0.0\""),
                "bound to loopback, nothing outside the container can scrape it: " + line);
    }

    @Test
    void shouldRestartEveryLongRunningComposeService() {
        JsonNode services = DeployTree.yamlDocument(DeployTree.deploy("compose/docker-compose.yml")).path("services");
        services.fields().forEachRemaining(e -> {
            String restart = e.getValue().path("restart").asText("");
            if (e.getKey().equals("topic-init")) {
                assertEquals("no", restart, "a one-shot job");
            } else {
                assertEquals("unless-stopped", restart, e.getKey());
            }
        });
    }

    @Test
    void shouldGiveGrafanaNeitherADefaultPasswordNorAnonymousAccess() {
        JsonNode grafana = DeployTree.yamlDocument(DeployTree.deploy("compose/docker-compose.yml")).path("services")
                .path("grafana");
        Map<String, String> env = DeployTree.environment(grafana.path("environment"));
        assertTrue(env.get("GF_SECURITY_ADMIN_PASSWORD").matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?[^}]+}"),
                "compose must refuse to start without a password: " + env.get("GF_SECURITY_ADMIN_PASSWORD"));
        assertEquals("false", env.get("GF_AUTH_ANONYMOUS_ENABLED"));
        assertEquals("false", env.get("GF_USERS_ALLOW_SIGN_UP"));
    }

    @Test
    void shouldRunTheServiceOnAGpuInTheComposeGpuVariant() {
        JsonNode service = DeployTree.yamlDocument(DeployTree.deploy("compose/docker-compose.gpu.yml")).path("services")
                .path("service");
        assertTrue(service.path("image").asText().contains("cuda"), service.path("image").asText());
        assertEquals("deploy/docker/Dockerfile.service-cuda", service.path("build").path("dockerfile").asText());
        assertEquals("cuda", DeployTree.environment(service.path("environment")).get("SIAMESE_MODEL_DEVICE"));
        JsonNode device = service.path("deploy").path("resources").path("reservations").path("devices").get(0);
        assertEquals("nvidia", device.path("driver").asText());
        assertTrue(DeployTree.strings(device.path("capabilities")).contains("gpu"));
    }
}
