package io.siamese.cli.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siamese.localstack.ServiceProcess;
import io.siamese.schemas.Endpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The checkpoint follower under bad announcements while pairs flow: a wrong sha256, truncated parameters, a
 * version announced before its files exist (served once they appear), pins to a rejected and to an unknown
 * version (4xx, not 202), and an instance whose follower starts while the broker is down.
 */
final class CheckpointsScenario implements FaultScenario {

    static final String TOKEN = "faults-admin-token";
    private static final Duration SWAP = Duration.ofSeconds(90);
    /** How long an announcement may take to show in {@code GET /api/v1/model} before its files exist. */
    private static final Duration NOTICE = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "checkpoints";
    }

    @Override
    public String description() {
        return "wrong sha256, truncated parameters, files after the announcement, pins to rejected/unknown"
                + " versions, a follower started while the broker is down";
    }

    @Override
    public Map<String, String> serviceProperties(Path workDir) {
        return Map.of("siamese.checkpoints.store", workDir.resolve("store").toAbsolutePath().toString(),
                "siamese.admin.token", TOKEN);
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        Path store = Files.createDirectories(run.workDir().resolve("store"));
        ServiceProcess service = run.fleet().start("a");
        int pairs = run.options().pairs();
        PacedLoad load = run.load(pairs, Math.max(2, pairs / 60.0)); // flowing through every step below
        Endpoints endpoints = new Endpoints(run.stack().bootstrapServers(), run.stack().registryUrl());
        try (StoreVersions versions = new StoreVersions(run.options().modelPath(), store,
                run.topics().checkpoints(), endpoints.producerConfig("faults-checkpoints"))) {
            String wrongSha = StoreVersions.newVersion();
            versions.copy(wrongSha);
            versions.announce(wrongSha, "0".repeat(64));
            String truncated = StoreVersions.newVersion();
            versions.copy(truncated);
            versions.truncate(truncated);
            versions.announce(truncated, versions.modelSha256());
            run.check("wrong_sha256_rejected", awaitModel(service, "rejected", wrongSha, SWAP));
            // Truncated parameters may be a copy still in progress: the version waits for complete files (and is
            // retried), where an announcement contradicting the stored manifest is rejected for good.
            run.check("truncated_waits_for_its_files", awaitModel(service, "waitingForFiles", truncated, SWAP));

            String late = StoreVersions.newVersion();
            versions.announce(late, versions.modelSha256());
            boolean seen = awaitModel(service, "announced", late, NOTICE) || awaitModel(service, "rejected", late,
                    NOTICE);
            run.detail("late_version_seen_before_files", seen);
            versions.copy(late);
            run.check("late_files_served", awaitModel(service, "version", late, SWAP));

            int pinRejected = pin(service, wrongSha);
            int pinUnknown = pin(service, "m-19700101-000000-000000");
            run.detail("pin_rejected_status", pinRejected);
            run.detail("pin_unknown_status", pinUnknown);
            run.check("pin_rejected_4xx", pinRejected / 100 == 4);
            run.check("pin_unknown_4xx", pinUnknown / 100 == 4);
        }
        run.stack().stopBroker();
        ServiceProcess second;
        try {
            second = run.fleet().launch("b");
            ScenarioRun.hold(run.options().brokerOutage(), () -> { });
        } finally {
            run.stack().startBroker();
        }
        run.faultEnded();
        run.check("follower_started_during_broker_outage_ready",
                ScenarioRun.poll(() -> HealthProbe.ready(second.baseUrl()) == 200, ServiceFleet.READY_TIMEOUT));
        load.await();
    }

    /**
     * @return whether {@code GET /api/v1/model} names {@code version} within {@code timeout}: as the served
     *         {@code version}, or anywhere in the list {@code field} ({@code rejected}, {@code waitingForFiles},
     *         {@code announced})
     */
    private static boolean awaitModel(ServiceProcess service, String field, String version, Duration timeout) {
        return ScenarioRun.poll(() -> {
            try {
                JsonNode model = JSON.readTree(get(service.baseUrl() + "/api/v1/model"));
                JsonNode value = model.path(field);
                return value.isTextual() ? value.asText().equals(version) : value.toString().contains(version);
            } catch (java.io.IOException notJsonYet) {
                return false;
            }
        }, timeout);
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int pin(ServiceProcess service, String version) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/model/pin/" + version))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
