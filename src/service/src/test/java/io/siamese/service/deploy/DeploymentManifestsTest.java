package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.siamese.schemas.Topics;
import io.siamese.service.deploy.DeployTree.Dockerfile;
import io.siamese.service.deploy.DeployTree.K8sObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment files under deploy/ (compose, Kubernetes, Prometheus, Grafana, Dockerfiles) agree with the
 * service as built: every variable or -D key they set for the service is a real configuration key, ports and probe
 * paths are the service's, scrapes hit /q/metrics, the checkpoint store is mounted where the service looks, the GPU
 * variant asks for a GPU, and KEDA never scales past the input topic's partitions. Nothing here needs Docker or a
 * cluster: the files are parsed, not run.
 */
class DeploymentManifestsTest {

    private static final String HEALTH_READY = "/q/health/ready";
    private static final String HEALTH_LIVE = "/q/health/live";
    private static final String HEALTH_STARTED = "/q/health/started";
    private static final String METRICS_PATH = "/q/metrics";
    private static final String SERVICE_DEPLOYMENT = "siamese-service";
    private static final String TRAINER_DEPLOYMENT = "siamese-trainer";
    private static final String CHECKPOINT_CLAIM = "siamese-checkpoints";
    /** Port of the trainer's metrics in every deployment (its --metrics-port). */
    private static final int TRAINER_METRICS_PORT = 9400;

    private static ConfigKeys config;
    private static JsonNode compose;
    private static List<K8sObject> k8s;
    private static Dockerfile serviceImage;
    private static Dockerfile cudaImage;
    private static Dockerfile trainerImage;

    @BeforeAll
    static void load() {
        config = ConfigKeys.load();
        compose = DeployTree.yamlDocument(DeployTree.deploy("compose/docker-compose.yml"));
        k8s = DeployTree.kubernetesObjects();
        serviceImage = Dockerfile.read(DeployTree.deploy("docker/Dockerfile.service"));
        cudaImage = Dockerfile.read(DeployTree.deploy("docker/Dockerfile.service-cuda"));
        trainerImage = Dockerfile.read(DeployTree.deploy("docker/Dockerfile.trainer"));
    }

    // ---- parsing -------------------------------------------------------------------------------------------

    @Test
    void shouldParseEveryYamlAndJsonFileUnderDeploy() {
        List<Path> yaml = DeployTree.files(".yml", ".yaml");
        assertTrue(yaml.size() >= 10, "expected the compose, Prometheus, Grafana and Kubernetes files, found " + yaml);
        for (Path file : yaml) {
            List<JsonNode> docs = DeployTree.yaml(file);
            assertFalse(docs.isEmpty(), file + " holds no document");
            docs.forEach(d -> assertTrue(d.isObject(), file + ": every document is a mapping"));
        }
        List<Path> json = DeployTree.files(".json");
        assertFalse(json.isEmpty(), "no dashboard JSON");
        json.forEach(DeployTree::json);
        for (K8sObject o : k8s) {
            if (o.file().getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            assertFalse(o.doc().path("apiVersion").asText().isEmpty(), o.file() + ": apiVersion");
            assertFalse(o.kind().isEmpty(), o.file() + ": kind");
            assertFalse(o.name().isEmpty(), o.file() + ": metadata.name");
        }
    }

    @Test
    void shouldListEveryKubernetesFileInAKustomization() {
        for (K8sObject kustomization : k8s.stream().filter(o -> o.kind().equals("Kustomization")).toList()) {
            Path dir = kustomization.file().getParent();
            for (JsonNode r : kustomization.doc().path("resources")) {
                assertTrue(Files.exists(dir.resolve(r.asText())), kustomization.file() + ": resource " + r.asText());
            }
            for (JsonNode p : kustomization.doc().path("patches")) {
                assertTrue(Files.isRegularFile(dir.resolve(p.path("path").asText())), kustomization.file() + ": patch " + p);
            }
        }
        try (Stream<Path> files = Files.walk(DeployTree.deploy("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).toList()) {
                Path kustomization = f.getParent().resolve("kustomization.yaml");
                assertTrue(Files.isRegularFile(kustomization), f + " is in no kustomize directory");
                String listed = DeployTree.yamlDocument(kustomization).toString();
                assertTrue(listed.contains("\"" + f.getFileName() + "\""), f + " is not listed in " + kustomization);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- configuration keys ----------------------------------------------------------------------------------

    @Test
    void shouldKnowTheRealKeysAndRejectLookalikes() {
        // The checker itself: real keys are found by reflection and from application.properties ...
        assertTrue(config.keys().containsAll(Set.of("siamese.model.path", "siamese.model.device",
                "siamese.checkpoints.store", "siamese.registry.url", "siamese.batch.max-linger",
                "quarkus.kafka-streams.bootstrap-servers", "quarkus.http.port")), config.keys().toString());
        assertEquals(Optional.of("siamese.batch.max-size"), config.keyOfVariable("SIAMESE_BATCH_MAX_SIZE"));
        // ... while names that look right but configure nothing are refused: the launcher's SIAMESE_BATCH_SIZE and
        // the trainer's SIAMESE_CHECKPOINT_STORE are not the service's keys. SmallRye maps a variable only to a
        // key it knows: KAFKA_STREAMS_STATE_DIR works because application.properties names kafka-streams.state.dir.
        assertEquals(Optional.empty(), config.keyOfVariable("SIAMESE_BATCH_SIZE"));
        assertEquals(Optional.empty(), config.keyOfVariable("SIAMESE_CHECKPOINT_STORE"));
        assertEquals(Optional.of("kafka-streams.state.dir"), config.keyOfVariable("KAFKA_STREAMS_STATE_DIR"));
        assertEquals(Optional.empty(), config.keyOfVariable("KAFKA_STREAMS_STATE_DIRECTORY"));
        assertTrue(config.isSystemPropertyKey("kafka-streams.state.dir"));
        assertTrue(config.isSystemPropertyKey("kafka-streams.consumer.max.poll.records"));
        assertFalse(config.isSystemPropertyKey("kafka-streams.state.directory"));
        assertFalse(config.isSystemPropertyKey("siamese.model.paths"));
    }

    @Test
    void shouldSetOnlyRealConfigurationKeysInComposeForTheService() {
        Map<String, String> env = composeEnv("service");
        List<String> problems = configProblems("compose service", env, serviceImage);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST"), "the service must listen beyond the container");
        assertTrue(env.keySet().containsAll(Set.of("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", "SIAMESE_REGISTRY_URL",
                "SIAMESE_MODEL_PATH", "SIAMESE_CHECKPOINTS_STORE", "KAFKA_STREAMS_STATE_DIR")), env.keySet().toString());
    }

    @Test
    void shouldSetOnlyRealConfigurationKeysInKubernetesForTheService() {
        Map<String, String> env = new LinkedHashMap<>(serviceConfigMap());
        JsonNode container = serviceContainer();
        env.putAll(DeployTree.environment(container.path("env")));
        List<String> problems = new ArrayList<>(configProblems("k8s service", env, serviceImage));
        JsonNode gpu = gpuPatchContainer();
        problems.addAll(configProblems("k8s gpu overlay", DeployTree.environment(gpu.path("env")), cudaImage));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST"));
        for (JsonNode from : container.path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText();
            assertTrue(k8s.stream().anyMatch(o -> o.kind().equals("ConfigMap") && o.name().equals(name)),
                    "envFrom names a ConfigMap that is not defined: " + name);
        }
    }

    /** The service's JIT option (trainer's ServiceProcess.DEFAULT_JAVA_OPTIONS): in every way the service is run. */
    private static final String JIT_OPTION = "-XX:CompileThresholdScaling=0.1";

    @Test
    void shouldGiveTheServiceTheSameJitOptionWhereverItRuns() throws IOException {
        Map<String, String> where = new LinkedHashMap<>();
        where.put("Dockerfile.service", serviceImage.env().get("JAVA_OPTS"));
        where.put("Dockerfile.service-cuda", cudaImage.env().get("JAVA_OPTS"));
        where.put("compose service", composeEnv("service").get("JAVA_OPTS"));
        where.put("k8s service config", serviceConfigMap().get("JAVA_OPTS"));
        where.forEach((name, opts) -> assertTrue(opts != null && opts.contains(JIT_OPTION), name + ": JAVA_OPTS " + opts));
        String launcher = Files.readString(DeployTree.root().resolve("siamese"));
        String serve = launcher.substring(launcher.indexOf("\n  serve)"));
        String exec = serve.substring(serve.indexOf("exec java"), serve.indexOf("$SERVICE_JAR"));
        assertTrue(exec.contains(JIT_OPTION), "./siamese serve passes " + JIT_OPTION + ": " + exec);
    }

    @Test
    void shouldSetOnlyRealConfigurationKeysInTheServiceImages() {
        List<String> problems = new ArrayList<>();
        for (Dockerfile image : List.of(serviceImage, cudaImage)) {
            problems.addAll(configProblems(image.file().getFileName().toString(), image.env(), image));
            for (String key : ConfigKeys.systemProperties(image.entrypoint())) {
                if (!config.isSystemPropertyKey(key) && !ConfigKeys.RUNTIME_PROPERTIES.contains(key)) {
                    problems.add(image.file().getFileName() + ": -D" + key + " configures nothing");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        // The image maps KAFKA_STREAMS_STATE_DIR itself (see shouldKnowTheRealKeysAndRejectLookalikes).
        assertEquals("kafka-streams.state.dir", ConfigKeys.mappedVariables(serviceImage.entrypoint()).get("KAFKA_STREAMS_STATE_DIR"));
        assertEquals("kafka-streams.state.dir", ConfigKeys.mappedVariables(cudaImage.entrypoint()).get("KAFKA_STREAMS_STATE_DIR"));
    }

    /**
     * Problems with variables set for the service: each must be a key's MicroProfile name, a variable the image's
     * entrypoint maps to a -D key, or a runtime variable; -D options inside JAVA_OPTS must be keys too.
     */
    private static List<String> configProblems(String where, Map<String, String> env, Dockerfile image) {
        Map<String, String> mapped = ConfigKeys.mappedVariables(image.entrypoint());
        List<String> problems = new ArrayList<>();
        env.forEach((name, value) -> {
            if (ConfigKeys.RUNTIME_VARIABLES.contains(name)) {
                for (String key : ConfigKeys.systemProperties(value)) {
                    if (!config.isSystemPropertyKey(key) && !ConfigKeys.RUNTIME_PROPERTIES.contains(key)) {
                        problems.add(where + ": " + name + " passes -D" + key + ", which configures nothing");
                    }
                }
            } else if (mapped.containsKey(name)) {
                if (!config.isSystemPropertyKey(mapped.get(name))) {
                    problems.add(where + ": " + name + " is mapped to -D" + mapped.get(name) + ", not a real key");
                }
            } else if (config.keyOfVariable(name).isEmpty()) {
                problems.add(where + ": " + name + " is no configuration key of the service (keys: " + config.keys() + ")");
            }
        });
        return problems;
    }

    // ---- ports and probes ------------------------------------------------------------------------------------

    @Test
    void shouldServeAndProbeTheServiceOnItsHttpPort() {
        int port = Integer.parseInt(config.defaultValue("quarkus.http.port").orElseThrow());
        assertEquals(8080, port, "quarkus.http.port in application.properties");
        // compose
        Map<String, String> env = composeEnv("service");
        assertEquals(String.valueOf(port), env.getOrDefault("QUARKUS_HTTP_PORT", String.valueOf(port)));
        JsonNode service = compose.path("services").path("service");
        assertTrue(DeployTree.strings(service.path("ports")).stream().allMatch(p -> p.endsWith(":" + port)),
                "compose publishes the container port " + port + ": " + service.path("ports"));
        String healthcheck = String.join(" ", DeployTree.strings(service.path("healthcheck").path("test")));
        assertTrue(healthcheck.contains(":" + port + HEALTH_READY), healthcheck);
        // images
        for (Dockerfile image : List.of(serviceImage, cudaImage)) {
            assertEquals(List.of(String.valueOf(port)), image.all("EXPOSE"), image.file() + " EXPOSE");
            assertEquals(String.valueOf(port), image.env().get("QUARKUS_HTTP_PORT"), image.file() + " QUARKUS_HTTP_PORT");
            String check = String.join(" ", image.all("HEALTHCHECK"));
            assertTrue(check.contains("${QUARKUS_HTTP_PORT:-" + port + "}" + HEALTH_READY), image.file() + ": " + check);
        }
        // Kubernetes: container port, probes, Service and the ConfigMap's port
        JsonNode container = serviceContainer();
        Map<String, Integer> named = new LinkedHashMap<>();
        container.path("ports").forEach(p -> named.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertEquals(port, named.get("http"), "containerPort named http");
        assertEquals(String.valueOf(port), serviceConfigMap().get("QUARKUS_HTTP_PORT"));
        assertProbe(container, "readinessProbe", HEALTH_READY, named, port);
        assertProbe(container, "livenessProbe", HEALTH_LIVE, named, port);
        // Started, not live: a startup probe on Kafka would turn a slow broker into CrashLoopBackOff.
        assertProbe(container, "startupProbe", HEALTH_STARTED, named, port);
        assertProbe(gpuPatchContainer(), "startupProbe", HEALTH_STARTED, named, port);
        JsonNode svc = single("Service", SERVICE_DEPLOYMENT, "base").doc();
        for (JsonNode p : svc.path("spec").path("ports")) {
            assertEquals(port, resolvePort(p.path("targetPort"), named), "Service targetPort");
        }
        assertEquals(workload(SERVICE_DEPLOYMENT).path("spec").path("selector").path("matchLabels"),
                svc.path("spec").path("selector"), "the Service selects the service's pods");
    }

    private static void assertProbe(JsonNode container, String probe, String path, Map<String, Integer> ports, int port) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), probe + " path");
        assertEquals(port, resolvePort(get.path("port"), ports), probe + " port");
    }

    private static int resolvePort(JsonNode port, Map<String, Integer> named) {
        if (port.isInt() || port.asText().matches("\\d+")) {
            return port.asInt();
        }
        Integer resolved = named.get(port.asText());
        if (resolved == null) {
            fail("no container port named " + port.asText() + " (" + named + ")");
        }
        return resolved;
    }

    // ---- Prometheus and Grafana ----------------------------------------------------------------------------

    @Test
    void shouldScrapeServiceAndTrainerAtQMetrics() {
        JsonNode prometheus = DeployTree.yamlDocument(DeployTree.deploy("prometheus/prometheus.yml"));
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        prometheus.path("scrape_configs").forEach(j -> jobs.put(j.path("job_name").asText(), j));
        JsonNode service = jobs.get("siamese-service");
        JsonNode trainer = jobs.get("siamese-trainer");
        assertTrue(service != null && trainer != null, "jobs siamese-service and siamese-trainer: " + jobs.keySet());
        for (JsonNode job : List.of(service, trainer)) {
            assertEquals(METRICS_PATH, job.path("metrics_path").asText(), job.path("job_name") + " metrics_path");
        }
        // Service: every compose instance through Docker's DNS, on the service's port.
        Set<String> serviceTargets = new TreeSet<>();
        service.path("dns_sd_configs").forEach(d -> d.path("names").forEach(n -> serviceTargets.add(n.asText() + ":" + d.path("port").asInt())));
        service.path("static_configs").forEach(s -> s.path("targets").forEach(t -> serviceTargets.add(t.asText())));
        assertEquals(Set.of("service:8080"), serviceTargets);
        Set<String> trainerTargets = new TreeSet<>();
        trainer.path("static_configs").forEach(s -> s.path("targets").forEach(t -> trainerTargets.add(t.asText())));
        assertEquals(Set.of("trainer:" + TRAINER_METRICS_PORT), trainerTargets);
        assertTrue(compose.path("services").has("service") && compose.path("services").has("trainer"));
        // The trainer serves there: compose and Kubernetes pass --metrics-port 9400 and expose it.
        assertEquals(Optional.of(String.valueOf(TRAINER_METRICS_PORT)),
                DeployTree.option(composeCommand("trainer"), "--metrics-port"));
        assertTrue(DeployTree.strings(compose.path("services").path("trainer").path("expose")).contains(String.valueOf(TRAINER_METRICS_PORT)));
        assertEquals(Optional.of(String.valueOf(TRAINER_METRICS_PORT)), DeployTree.option(trainerArgs(), "--metrics-port"));
        assertEquals(Optional.of(String.valueOf(TRAINER_METRICS_PORT)), DeployTree.option(trainerImage.cmd(), "--metrics-port"));
        assertTrue(trainerImage.all("EXPOSE").contains(String.valueOf(TRAINER_METRICS_PORT)));
        JsonNode trainerContainer = DeployTree.container(workload(TRAINER_DEPLOYMENT), "trainer").orElseThrow();
        Map<String, Integer> trainerPorts = new LinkedHashMap<>();
        trainerContainer.path("ports").forEach(p -> trainerPorts.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertEquals(TRAINER_METRICS_PORT, trainerPorts.get("metrics"));
        // Kubernetes: pod annotations and PodMonitors.
        Map<String, Integer> servicePorts = Map.of("http", 8080);
        assertAnnotations(workload(SERVICE_DEPLOYMENT), 8080);
        assertAnnotations(workload(TRAINER_DEPLOYMENT), TRAINER_METRICS_PORT);
        List<K8sObject> monitors = k8s.stream().filter(o -> o.kind().equals("PodMonitor")).toList();
        assertEquals(2, monitors.size(), "PodMonitors for service and trainer");
        for (K8sObject m : monitors) {
            String app = m.doc().path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText();
            Map<String, Integer> ports = app.equals(SERVICE_DEPLOYMENT) ? servicePorts : trainerPorts;
            for (JsonNode e : m.doc().path("spec").path("podMetricsEndpoints")) {
                assertEquals(METRICS_PATH, e.path("path").asText(), m.name());
                assertTrue(ports.containsKey(e.path("port").asText()), m.name() + " port " + e.path("port") + " of " + ports);
            }
        }
        // The service's live page polls the trainer's endpoint.
        assertEquals("http://trainer:" + TRAINER_METRICS_PORT + METRICS_PATH, composeEnv("service").get("SIAMESE_LIVE_TRAINER_METRICS_URL"));
        assertEquals("http://" + TRAINER_DEPLOYMENT + ".siamese.svc:" + TRAINER_METRICS_PORT + METRICS_PATH,
                serviceConfigMap().get("SIAMESE_LIVE_TRAINER_METRICS_URL"));
    }

    private static void assertAnnotations(JsonNode workload, int port) {
        JsonNode a = workload.path("spec").path("template").path("metadata").path("annotations");
        assertEquals("true", a.path("prometheus.io/scrape").asText());
        assertEquals(METRICS_PATH, a.path("prometheus.io/path").asText());
        assertEquals(String.valueOf(port), a.path("prometheus.io/port").asText());
    }

    @Test
    void shouldProvisionGrafanaWithTheDashboardAndPrometheus() {
        JsonNode grafana = compose.path("services").path("grafana");
        Map<String, String> mounts = bindMounts(grafana);
        JsonNode providers = DeployTree.yamlDocument(DeployTree.deploy("grafana/provisioning/dashboards/siamese.yml"));
        String dashboardsPath = providers.path("providers").get(0).path("options").path("path").asText();
        Path dashboards = DeployTree.deploy("grafana/dashboards").normalize();
        assertEquals(dashboardsPath, mounts.get(dashboards.toString()), "compose mounts deploy/grafana/dashboards where the provider reads");
        assertEquals("/etc/grafana/provisioning", mounts.get(DeployTree.deploy("grafana/provisioning").toString()));
        String home = DeployTree.environment(grafana.path("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertEquals(dashboardsPath + "/siamese-streams.json", home);
        JsonNode datasources = DeployTree.yamlDocument(DeployTree.deploy("grafana/provisioning/datasources/prometheus.yml"));
        JsonNode ds = datasources.path("datasources").get(0);
        assertEquals("prometheus", ds.path("type").asText());
        URI url = URI.create(ds.path("url").asText());
        assertTrue(compose.path("services").has(url.getHost()), "datasource host is a compose service: " + url);
        assertTrue(DeployTree.strings(compose.path("services").path(url.getHost()).path("ports")).contains(url.getPort() + ":" + url.getPort()));
        assertEquals(DeployTree.deploy("prometheus/prometheus.yml").toString(),
                bindMounts(compose.path("services").path("prometheus")).entrySet().stream()
                        .filter(e -> e.getValue().equals("/etc/prometheus/prometheus.yml")).map(Map.Entry::getKey).findFirst().orElse(null));

        JsonNode dashboard = DeployTree.json(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36 && dashboard.path("schemaVersion").asInt() <= 41,
                "schemaVersion " + dashboard.path("schemaVersion"));
        assertEquals("siamese-streams", dashboard.path("uid").asText());
        JsonNode dsVariable = null;
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals("datasource")) {
                dsVariable = v;
            }
        }
        assertTrue(dsVariable != null && dsVariable.path("query").asText().equals("prometheus"), "a Prometheus data source variable");
        String dsRef = "${" + dsVariable.path("name").asText() + "}";
        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new TreeSet<>();
        for (JsonNode p : dashboard.path("panels")) {
            assertTrue(ids.add(p.path("id").asInt()), "duplicate panel id " + p.path("id"));
            assertTrue(p.path("gridPos").path("w").asInt() > 0 && p.path("gridPos").path("x").asInt() + p.path("gridPos").path("w").asInt() <= 24,
                    "gridPos of " + p.path("title"));
            titles.add(p.path("title").asText());
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals(dsRef, p.path("datasource").path("uid").asText(), p.path("title") + " data source");
            assertFalse(p.path("targets").isEmpty(), p.path("title") + " has no query");
            for (JsonNode t : p.path("targets")) {
                assertFalse(t.path("expr").asText().isBlank(), p.path("title") + " " + t.path("refId"));
            }
        }
        assertTrue(titles.containsAll(Set.of("Pipeline", "Latency", "Model", "Resources and Kafka", "Trainer")), titles.toString());
        DashboardQueries queries = DashboardQueries.load(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        assertTrue(queries.serviceMetrics().containsAll(Set.of("siamese_pairs_received_total", "siamese_results_total",
                "siamese_dead_letters_total", "siamese_batch_size_bucket", "siamese_batch_inference_seconds_bucket",
                "siamese_pair_queued_seconds_bucket", "siamese_pair_latency_seconds_bucket", "siamese_distance_bucket",
                "siamese_model_swaps_total", "siamese_model_rejected_total", "jvm_memory_used_bytes",
                "kafka_consumer_fetch_manager_records_lag")), queries.serviceMetrics().toString());
        assertTrue(queries.trainerMetrics().containsAll(Set.of("siamese_trainer_loss", "siamese_trainer_holdout_accuracy",
                "siamese_trainer_holdout_auc", "siamese_trainer_promotions_total", "siamese_trainer_pair_store_size")),
                queries.trainerMetrics().toString());
    }

    /** Compose bind mounts of a service: absolute host path -> container path (named volumes are left out). */
    private static Map<String, String> bindMounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        Path composeDir = DeployTree.deploy("compose");
        for (String v : DeployTree.strings(service.path("volumes"))) {
            String[] parts = v.split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                Path host = composeDir.resolve(parts[0]).normalize();
                assertTrue(Files.exists(host), "compose mounts " + parts[0] + ", which does not exist");
                mounts.put(host.toString(), parts[1]);
            }
        }
        return mounts;
    }

    // ---- checkpoint store and state --------------------------------------------------------------------------

    @Test
    void shouldMountTheCheckpointStoreWhereTheServiceLooksAndWhereTheTrainerWrites() {
        // compose: one named volume, read-only in the service at SIAMESE_CHECKPOINTS_STORE, writable in the trainer at --store
        String store = composeEnv("service").get("SIAMESE_CHECKPOINTS_STORE");
        assertTrue(store != null && store.startsWith("/"), "SIAMESE_CHECKPOINTS_STORE " + store);
        String[] serviceMount = namedMount("service", store);
        assertEquals("ro", serviceMount.length > 2 ? serviceMount[2] : "", "the service mounts the store read-only");
        String trainerStore = DeployTree.option(composeCommand("trainer"), "--store").orElseThrow();
        String[] trainerMount = namedMount("trainer", trainerStore);
        assertEquals(serviceMount[0], trainerMount[0], "service and trainer share one volume");
        assertFalse(trainerMount.length > 2 && trainerMount[2].contains("ro"), "the trainer writes the store");
        assertTrue(compose.path("volumes").has(serviceMount[0]), "named volume " + serviceMount[0] + " is declared");

        // Kubernetes: the ReadWriteMany claim, read-only at the ConfigMap's path in the service, writable in the trainer
        String k8sStore = serviceConfigMap().get("SIAMESE_CHECKPOINTS_STORE");
        JsonNode service = workload(SERVICE_DEPLOYMENT);
        assertEquals(CHECKPOINT_CLAIM, claimMountedAt(service, "service", k8sStore, true));
        JsonNode trainer = workload(TRAINER_DEPLOYMENT);
        assertEquals(CHECKPOINT_CLAIM, claimMountedAt(trainer, "trainer", DeployTree.option(trainerArgs(), "--store").orElseThrow(), false));
        JsonNode pvc = single("PersistentVolumeClaim", CHECKPOINT_CLAIM, "base").doc();
        assertTrue(DeployTree.strings(pvc.path("spec").path("accessModes")).contains("ReadWriteMany"),
                "replicas on several nodes read the store: ReadWriteMany");

        // Kafka Streams state: an emptyDir per pod at KAFKA_STREAMS_STATE_DIR; never a shared compose volume
        String stateDir = serviceConfigMap().get("KAFKA_STREAMS_STATE_DIR");
        JsonNode container = serviceContainer();
        String volume = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(stateDir)) {
                volume = m.path("name").asText();
            }
        }
        assertTrue(volume != null, "nothing mounted at KAFKA_STREAMS_STATE_DIR " + stateDir);
        for (JsonNode v : service.path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                assertTrue(v.has("emptyDir"), "state dir volume is an emptyDir: " + v);
            }
        }
        String composeState = composeEnv("service").get("KAFKA_STREAMS_STATE_DIR");
        for (String v : DeployTree.strings(compose.path("services").path("service").path("volumes"))) {
            assertFalse(v.split(":")[1].equals(composeState), "scaled instances must not share a state directory: " + v);
        }
    }

    /** The compose volume mount of {@code service} whose target is {@code path}: [source, target, mode?]. */
    private static String[] namedMount(String service, String path) {
        for (String v : DeployTree.strings(compose.path("services").path(service).path("volumes"))) {
            String[] parts = v.split(":");
            if (parts[1].equals(path)) {
                return parts;
            }
        }
        fail("compose " + service + " mounts nothing at " + path);
        return null;
    }

    /** The claim mounted at {@code path} in the named container, checking the mount's readOnly flag. */
    private static String claimMountedAt(JsonNode workload, String containerName, String path, boolean readOnly) {
        JsonNode container = DeployTree.container(workload, containerName).orElseThrow();
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                assertEquals(readOnly, m.path("readOnly").asBoolean(false), containerName + " mount readOnly");
                for (JsonNode v : workload.path("spec").path("template").path("spec").path("volumes")) {
                    if (v.path("name").asText().equals(m.path("name").asText())) {
                        return v.path("persistentVolumeClaim").path("claimName").asText();
                    }
                }
            }
        }
        fail(containerName + " mounts nothing at " + path);
        return null;
    }

    // ---- GPU ---------------------------------------------------------------------------------------------------

    @Test
    void shouldRequestAGpuAndCudaInTheGpuVariant() throws IOException {
        assertEquals(SERVICE_DEPLOYMENT, DeployTree.gpuPatch(k8s).path("metadata").path("name").asText(),
                "the patch targets the base service Deployment");
        JsonNode container = gpuPatchContainer();
        assertEquals("1", container.path("resources").path("limits").path("nvidia.com/gpu").asText(), "limits nvidia.com/gpu");
        assertTrue(container.path("image").asText().contains("cuda"), "the CUDA image: " + container.path("image"));
        Map<String, String> env = DeployTree.environment(container.path("env"));
        assertEquals("cuda", env.get("SIAMESE_MODEL_DEVICE"));
        assertEquals(Optional.of("siamese.model.device"), config.keyOfVariable("SIAMESE_MODEL_DEVICE"));
        assertTrue(config.defaultValue("siamese.model.device").orElseThrow().equals("cpu"), "the default is cpu");
        JsonNode kustomization = k8s.stream().filter(o -> o.under("overlays/gpu") && o.kind().equals("Kustomization"))
                .findFirst().orElseThrow().doc();
        assertTrue(DeployTree.strings(kustomization.path("resources")).contains("../../base"));
        // The image: CUDA 12.4 runtime (pytorch-native-cu124), built with -Pcuda, device cuda.
        String from = String.join(" ", cudaImage.all("FROM"));
        assertTrue(from.contains("nvidia/cuda:12.4"), from);
        assertEquals("cuda", cudaImage.env().get("SIAMESE_MODEL_DEVICE"));
        assertTrue(Files.readString(cudaImage.file()).contains("mvn -B -Pcuda -DskipTests install"), "build command documented");
    }

    // ---- topics and scaling ------------------------------------------------------------------------------------

    @Test
    void shouldCapKedaAtTheInputTopicsPartitions() {
        String input = Optional.ofNullable(composeEnv("service").get("SIAMESE_TOPICS_INPUT"))
                .orElse(config.defaultValue("siamese.topics.input").orElseThrow());
        Map<String, Topic> composeTopics = composeTopics();
        Map<String, Topic> k8sTopics = k8sTopics();
        assertTrue(composeTopics.containsKey(input), "topic-init creates the input topic " + input);
        int partitions = composeTopics.get(input).partitions();
        assertTrue(partitions > 1, "the input topic has room for several instances");
        K8sObject scaled = single("ScaledObject", SERVICE_DEPLOYMENT, "autoscaling");
        JsonNode spec = scaled.doc().path("spec");
        assertEquals(partitions, spec.path("maxReplicaCount").asInt(),
                "KEDA maxReplicaCount = partitions of " + input + ": instances beyond them idle");
        assertEquals(partitions, k8sTopics.get(input).partitions(), "the Kubernetes topics Job agrees");
        assertEquals(SERVICE_DEPLOYMENT, spec.path("scaleTargetRef").path("name").asText());
        assertTrue(spec.path("minReplicaCount").asInt() >= 1 && spec.path("minReplicaCount").asInt() <= partitions);
        JsonNode trigger = spec.path("triggers").get(0);
        assertEquals("kafka", trigger.path("type").asText());
        JsonNode md = trigger.path("metadata");
        assertEquals(input, md.path("topic").asText());
        assertEquals(config.defaultValue("quarkus.kafka-streams.application-id").orElseThrow(), md.path("consumerGroup").asText(),
                "the service's consumer group is its Kafka Streams application id");
        // The broker's address is set in one place: KEDA reads it from the service container's environment.
        assertTrue(md.path("bootstrapServers").isMissingNode(), "no second copy of the bootstrap address");
        String fromEnv = md.path("bootstrapServersFromEnv").asText();
        assertTrue(serviceConfigMap().containsKey(fromEnv), "bootstrapServersFromEnv names a variable of the service: " + fromEnv);
        String auth = trigger.path("authenticationRef").path("name").asText();
        assertEquals(1, k8s.stream().filter(o -> o.kind().equals("TriggerAuthentication") && o.name().equals(auth)
                && o.under("autoscaling")).count(), "the trigger's TriggerAuthentication " + auth + " is applied with it");
        assertEquals("false", md.path("allowIdleConsumers").asText("false"), "no replicas beyond the partitions");
    }

    @Test
    void shouldCreateEveryTopicTheServiceAndTrainerUse() {
        Map<String, Topic> topics = composeTopics();
        assertEquals(topics, k8sTopics(), "compose topic-init and the Kubernetes Job create the same topics");
        for (String key : List.of("siamese.topics.input", "siamese.topics.output", "siamese.topics.dead-letter",
                "siamese.checkpoints.topic")) {
            String name = config.defaultValue(key).orElseThrow();
            assertTrue(topics.containsKey(name), key + " = " + name + " is created");
        }
        assertTrue(topics.containsKey(Topics.LABELLED_PAIRS), "the trainer's input");
        assertEquals("cleanup.policy=compact", topics.get(config.defaultValue("siamese.checkpoints.topic").orElseThrow()).config(),
                "the checkpoint topic is compacted");
        assertEquals(topics.get(Topics.IMAGE_PAIRS).partitions(), topics.get(Topics.PAIR_DISSIMILARITIES).partitions(),
                "results spread like requests");
    }

    /**
     * A topic of a creation script.
     *
     * @param partitions partition count
     * @param config the --config argument, or empty
     */
    record Topic(int partitions, String config) {}

    private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+(\\d+)(?:\\s+(\\S+))?\\s*$");

    private static Map<String, Topic> topics(String script) {
        Map<String, Topic> topics = new LinkedHashMap<>();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            topics.put(m.group(1), new Topic(Integer.parseInt(m.group(2)), m.group(3) == null ? "" : m.group(3)));
        }
        assertFalse(topics.isEmpty(), "no `create TOPIC PARTITIONS` lines in:\n" + script);
        return topics;
    }

    private static Map<String, Topic> composeTopics() {
        // Compose interpolates $VAR: a literal $ for the shell is written $$.
        String script = String.join("\n", composeCommand("topic-init")).replace("$$", "$");
        assertTrue(script.contains("kafka-topics.sh") && script.contains("--partitions \"$2\""), script);
        return topics(script);
    }

    private static Map<String, Topic> k8sTopics() {
        JsonNode job = single("Job", "siamese-topics", "base").doc();
        JsonNode container = job.path("spec").path("template").path("spec").path("containers").get(0);
        return topics(String.join("\n", DeployTree.strings(container.path("args"))));
    }

    @Test
    void shouldEscapeShellVariablesFromComposeInterpolation() {
        // An unescaped $1 would be replaced by compose (with nothing) before the shell ever saw it.
        String text = compose.toString().replace("$$", "");
        Set<String> interpolated = new TreeSet<>();
        Matcher m = Pattern.compile("\\$(\\{?)([A-Za-z0-9_]*)").matcher(text);
        while (m.find()) {
            assertEquals("{", m.group(1), "unescaped $" + m.group(2) + " in the compose file (write $$)");
            interpolated.add(m.group(2));
        }
        assertEquals(Set.of("GRAFANA_ADMIN_PASSWORD", "SIAMESE_SERVICE_PORTS"), interpolated,
                "the only variables compose itself substitutes");
    }

    // ---- trainer -----------------------------------------------------------------------------------------------

    @Test
    void shouldRunTheTrainerWithItsRealOptionsAndTheServicesEndpoints() throws IOException {
        Set<String> real = trainerOptions();
        List<List<String>> commands = List.of(composeCommand("trainer"), trainerArgs(), trainerImage.cmd());
        for (List<String> args : commands) {
            for (String a : args) {
                if (a.startsWith("--")) {
                    assertTrue(real.contains(a.split("=", 2)[0]), "`siamese trainer` has no option " + a + " (it has " + real + ")");
                }
            }
            assertTrue(DeployTree.option(args, "--store").isPresent(), "--store is required: " + args);
        }
        String entry = trainerImage.entrypoint();
        assertTrue(entry.contains("io.siamese.cli.SiameseCli trainer"), entry);
        assertTrue(entry.contains("/opt/siamese/trainer/classes:/opt/siamese/trainer/lib/*"), entry);
        String dockerfile = Files.readString(trainerImage.file());
        assertTrue(dockerfile.contains("COPY --chown=siamese:siamese src/cli/target/lib/")
                && dockerfile.contains("COPY --chown=siamese:siamese src/cli/target/classes/"), "copies the CLI's classes and classpath");
        // Same Kafka and registry as the service (the trainer's env fallbacks).
        Map<String, String> trainerEnv = composeEnv("trainer");
        Map<String, String> serviceEnv = composeEnv("service");
        assertEquals(serviceEnv.get("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS"), trainerEnv.get("SIAMESE_BOOTSTRAP_SERVERS"));
        assertEquals(serviceEnv.get("SIAMESE_REGISTRY_URL"), trainerEnv.get("SIAMESE_REGISTRY_URL"));
        Map<String, String> trainerConfig = configMap("siamese-trainer-config");
        assertEquals(serviceConfigMap().get("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS"), trainerConfig.get("SIAMESE_BOOTSTRAP_SERVERS"));
        assertEquals(serviceConfigMap().get("SIAMESE_REGISTRY_URL"), trainerConfig.get("SIAMESE_REGISTRY_URL"));
        // One trainer, never two during an update.
        JsonNode trainer = workload(TRAINER_DEPLOYMENT);
        assertEquals(1, trainer.path("spec").path("replicas").asInt());
        assertEquals("Recreate", trainer.path("spec").path("strategy").path("type").asText());
    }

    /** The long options of `siamese trainer`, read from the CLI's sources (the trainer is another module). */
    private static Set<String> trainerOptions() throws IOException {
        Path cli = DeployTree.root().resolve("src/cli/src/main/java/io/siamese/cli");
        Set<String> options = new TreeSet<>();
        Pattern names = Pattern.compile("names\\s*=\\s*\\{?\\s*\"(--[a-z0-9-]+)\"");
        for (String file : List.of("TrainerCommand.java", "StreamOptions.java", "CommonOptions.java")) {
            Path source = cli.resolve(file);
            assertTrue(Files.isRegularFile(source), "the trainer command's source " + source);
            Matcher m = names.matcher(Files.readString(source));
            while (m.find()) {
                options.add(m.group(1));
            }
        }
        return options;
    }

    @Test
    void shouldPointTheServiceAtTheComposeRegistryAndBroker() throws IOException {
        Map<String, String> env = composeEnv("service");
        URI registry = URI.create(env.get("SIAMESE_REGISTRY_URL"));
        assertTrue(compose.path("services").has(registry.getHost()), "registry host is a compose service: " + registry);
        assertEquals(8080, registry.getPort(), "Apicurio listens on 8080 in its container");
        assertEquals("/apis/ccompat/v7", registry.getPath(), "Apicurio's Confluent-compatible API");
        String broker = env.get("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS");
        Map<String, String> kafka = composeEnv("kafka");
        assertTrue(kafka.get("KAFKA_ADVERTISED_LISTENERS").contains("PLAINTEXT://" + broker),
                "the broker advertises " + broker + " to containers: " + kafka.get("KAFKA_ADVERTISED_LISTENERS"));
        assertEquals("1", kafka.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"), "exactly_once_v2 on one broker");
        assertEquals("1", kafka.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"));
        assertTrue(kafka.get("KAFKA_PROCESS_ROLES").contains("controller"), "KRaft: the node is its own controller");
        // The commented Confluent alternative, and the registry URL it needs (Confluent serves its API at the root).
        String text = Files.readString(DeployTree.deploy("compose/docker-compose.yml"));
        assertTrue(text.contains("#   image: confluentinc/cp-schema-registry:") && text.contains("http://registry:8081"),
                "the commented Confluent Schema Registry block");
    }

    // ---- images ------------------------------------------------------------------------------------------------

    @Test
    void shouldBuildTheServiceImageAsDocumented() throws IOException {
        assertTrue(serviceImage.all("FROM").get(0).startsWith("eclipse-temurin:17-jre"));
        Map<String, String> env = serviceImage.env();
        assertEquals("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", env.get("LD_PRELOAD"));
        assertTrue(env.containsKey("DJL_CACHE_DIR"));
        for (Dockerfile image : List.of(serviceImage, cudaImage)) {
            assertTrue(image.entrypoint().contains("-Dai.djl.offline=true"), image.file() + " ai.djl.offline");
            assertTrue(image.entrypoint().contains("-jar /opt/siamese/service/quarkus-run.jar"), image.file() + " runs the packaged service");
            assertTrue(image.all("COPY").stream().anyMatch(c -> c.contains("src/service/target/quarkus-app/")), image.file() + " copies quarkus-app");
            assertFalse(image.all("HEALTHCHECK").isEmpty(), image.file() + " HEALTHCHECK");
            assertEquals(env.get("SIAMESE_MODEL_PATH"), image.env().get("SIAMESE_MODEL_PATH"));
            assertTrue(image.all("COPY").stream().anyMatch(c -> c.contains("models/default/ " + env.get("SIAMESE_MODEL_PATH"))),
                    image.file() + " ships the default model at SIAMESE_MODEL_PATH");
        }
        // BuildKit's per-Dockerfile ignore files must let every COPY source through.
        for (Dockerfile image : List.of(serviceImage, cudaImage, trainerImage)) {
            Path ignore = image.file().resolveSibling(image.file().getFileName() + ".dockerignore");
            List<String> lines = Files.readAllLines(ignore);
            for (String copy : image.all("COPY")) {
                if (copy.contains("--from=")) {
                    continue;
                }
                String[] parts = copy.replaceAll("--chown=\\S+", "").strip().split("\\s+");
                String source = parts[0];
                assertTrue(lines.contains("!" + source), ignore + " must re-include " + source);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Map<String, String> composeEnv(String service) {
        JsonNode s = compose.path("services").path(service);
        assertFalse(s.isMissingNode(), "compose service " + service);
        return DeployTree.environment(s.path("environment"));
    }

    private static List<String> composeCommand(String service) {
        JsonNode c = compose.path("services").path(service).path("command");
        return c.isTextual() ? List.of(c.asText().split("\\s+")) : DeployTree.strings(c);
    }

    private static K8sObject single(String kind, String name, String dir) {
        return DeployTree.single(k8s, kind, name, dir);
    }

    private static JsonNode workload(String name) {
        return single("Deployment", name, "base").doc();
    }

    private static JsonNode serviceContainer() {
        return DeployTree.container(workload(SERVICE_DEPLOYMENT), "service").orElseThrow();
    }

    private static JsonNode gpuPatchContainer() {
        JsonNode patch = DeployTree.gpuPatch(k8s);
        return DeployTree.container(patch, "service").orElseThrow(() -> new AssertionError("the GPU patch names container 'service'"));
    }

    private static List<String> trainerArgs() {
        return DeployTree.strings(DeployTree.container(workload(TRAINER_DEPLOYMENT), "trainer").orElseThrow().path("args"));
    }

    private static Map<String, String> configMap(String name) {
        return DeployTree.environment(single("ConfigMap", name, "base").doc().path("data"));
    }

    private static Map<String, String> serviceConfigMap() {
        return configMap("siamese-service-config");
    }
}
