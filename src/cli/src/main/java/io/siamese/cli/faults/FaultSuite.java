package io.siamese.cli.faults;

import io.siamese.cli.publish.PairImages;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs fault scenarios on real processes: one local stack (broker and registry) shared by all, and per
 * scenario its own topics, application id and service instances. After each scenario's fault it waits until
 * every input is accounted for (or {@code settle} passes), watches a few more seconds for late duplicates,
 * checks the instances still running (live, ready, serving a fresh pair on every partition) and stops them.
 * Everything started is stopped before {@link #run} returns, also on failure.
 */
public final class FaultSuite {

    /** After every input is accounted for: how long to keep reading for a second outcome of any of them. */
    static final Duration DUPLICATE_WATCH = Duration.ofSeconds(3);
    /** How long the end-of-scenario checks wait for readiness and for the fresh pairs' results. */
    static final Duration FINAL_CHECK = Duration.ofSeconds(90);

    private final FaultSuiteOptions options;
    private final Consumer<String> progress;

    /**
     * @param options  what to run
     * @param progress told about each stage, one line at a time
     */
    public FaultSuite(FaultSuiteOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * Runs the selected scenarios in order.
     *
     * @return one result per scenario
     * @throws IllegalArgumentException for an unknown scenario name
     */
    public List<ScenarioResult> run() {
        List<FaultScenario> selected = Scenarios.select(options.scenarios());
        PairImages images = PairImages.open(options.data());
        String runId = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        progress.accept("starting Kafka and the schema registry in " + options.workDir());
        try (LocalStack stack = LocalStack.start(options.workDir().resolve("stack"))) {
            PipelineTopics.registerSchemas(new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl())));
            List<ScenarioResult> results = new ArrayList<>();
            for (FaultScenario scenario : selected) {
                progress.accept("scenario " + scenario.name() + ": " + scenario.description());
                ScenarioResult result = runScenario(stack, scenario, images, runId);
                progress.accept("scenario " + scenario.name() + (result.ok() ? ": ok" : ": NOT ok") + " ("
                        + FaultReport.summary(result) + ")");
                results.add(result);
            }
            return results;
        }
    }

    private ScenarioResult runScenario(LocalStack stack, FaultScenario scenario, PairImages images, String runId) {
        long start = System.nanoTime();
        ScenarioTopics topics = ScenarioTopics.of(scenario.name(), runId);
        Path workDir = options.workDir().resolve(scenario.name());
        Ledger ledger = new Ledger();
        Endpoints endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
        topics.create(stack);
        Map<String, String> properties = new java.util.HashMap<>(scenario.serviceProperties(workDir));
        properties.put("kafka-streams.processing.guarantee", options.guarantee());
        try (ServiceFleet fleet = new ServiceFleet(stack, topics, options.modelPath(), workDir, properties);
             InputPublisher publisher = new InputPublisher(endpoints, images, topics.input(), ledger, 42);
             OutcomeReader reader = new OutcomeReader(stack.bootstrapServers(), topics, ledger)) {
            ScenarioRun run = new ScenarioRun(stack, topics, options, workDir, ledger, publisher, fleet);
            String error = null;
            boolean alive = false;
            boolean ready = false;
            boolean serving = false;
            try {
                scenario.run(run);
                long faultEnd = run.faultEnd();
                boolean accounted = ledger.await(ledger::allAccounted, faultEnd + options.settle().toNanos());
                run.detail("accounted_within_settle", accounted);
                ledger.await(() -> false, System.nanoTime() + DUPLICATE_WATCH.toNanos()); // late duplicates
                alive = allInstances(fleet, s -> HealthProbe.live(s.baseUrl()) == 200);
                ready = allInstances(fleet, s -> ScenarioRun.poll(() -> HealthProbe.ready(s.baseUrl()) == 200,
                        FINAL_CHECK));
                serving = serving(run);
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            run.detail("instances_running", fleet.running().keySet());
            return new ScenarioResult(scenario.name(), scenario.description(), ledger.tally(run.faultEnd()), alive,
                    ready, serving, run.checks(), run.details(), error, (System.nanoTime() - start) / 1e9,
                    options.exactlyOnce());
        }
    }

    private static boolean allInstances(ServiceFleet fleet, java.util.function.Predicate<ServiceProcess> check) {
        Map<String, ServiceProcess> running = fleet.running();
        return !running.isEmpty() && running.values().stream().allMatch(check);
    }

    /** A fresh valid pair on every input partition, each scored within {@link #FINAL_CHECK}. */
    private static boolean serving(ScenarioRun run) throws InterruptedException {
        List<Outgoing> fresh = new ArrayList<>();
        for (int p = 0; p < ScenarioTopics.PARTITIONS; p++) {
            fresh.add(run.publisher().validPair(p));
        }
        run.publisher().publish(fresh);
        Ledger ledger = run.ledger();
        return ledger.await(() -> fresh.stream().allMatch(o -> ledger.resultsFor(o.pairId()) > 0),
                System.nanoTime() + FINAL_CHECK.toNanos());
    }
}
