package io.siamese.cli.demo;

import io.siamese.cli.demo.DemoSummary.Outcome;
import io.siamese.cli.publish.PairImages;
import io.siamese.cli.tail.StreamStats;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.StackFiles;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole pipeline on this machine: a local Kafka broker and schema registry ({@link LocalStack}), the
 * streaming service ({@link ServiceProcess}) with a checkpoint, and pairs flowing through it ({@link PairFlow}).
 * Whatever happens (failure, Ctrl-C via {@link #stop()}), the service, broker and registry are stopped before
 * {@link #run()} returns or throws.
 */
public final class DemoRun {

    private final DemoOptions options;
    private final DemoListener listener;
    private final StackFiles files;
    private volatile PairFlow flow;
    private volatile boolean stopRequested;

    /**
     * @param options  what to run
     * @param listener receives stage messages and live figures
     */
    public DemoRun(DemoOptions options, DemoListener listener) {
        this(options, listener, StackFiles.fromSystemProperties());
    }

    /**
     * @param options  what to run
     * @param listener receives stage messages and live figures
     * @param files    where broker, registry and service are (tests substitute a stand-in service)
     */
    public DemoRun(DemoOptions options, DemoListener listener, StackFiles files) {
        this.options = options;
        this.listener = listener;
        this.files = files;
    }

    /**
     * Runs the demo to its end.
     *
     * @return the summary; its outcome says whether every pair came back
     * @throws IllegalStateException when something cannot start: a missing build, model or dataset, or a child
     *                               process that does not become ready (with the tail of its log)
     */
    public DemoSummary run() {
        RetrainSetup retrain = options.retrain() == null ? null : new RetrainSetup(options, listener);
        Path model = options.model().toAbsolutePath();
        if (retrain == null && !Files.isDirectory(model)) {
            throw new IllegalStateException("no model checkpoint at " + model + ": train one (./siamese train) or"
                    + " pass --model DIR");
        }
        files.checkedServiceJar(); // fail before minutes of start-up, not after
        PairImages images = PairImages.open(options.data());
        try {
            if (retrain != null) {
                model = retrain.prepare();
            }
            return runStack(images, model, retrain);
        } catch (RuntimeException e) {
            if (stopRequested) {
                // Ctrl-C during start-up also stops the children, which then fail to become ready: not an error.
                return new DemoSummary(Outcome.INTERRUPTED, "stopped during start-up", 0, 0, 0,
                        new StreamStats().snapshot(), options.workDir());
            }
            throw e;
        }
    }

    /**
     * The demo's service: the service's own batching defaults unless the options name others, the given
     * properties, and the JVM's own compile thresholds, since a demo is over in seconds
     * ({@link ServiceProcess#SHORT_RUN_JAVA_OPTIONS}).
     */
    ServiceProcessConfig serviceConfig(Endpoints endpoints, Path model, Path jar, Map<String, String> properties) {
        ServiceProcessConfig config = ServiceProcessConfig.of(endpoints.bootstrapServers(), endpoints.registryUrl(),
                model, options.workDir()).withJar(jar);
        if (options.batchSize() != null) {
            config = config.withBatchSize(options.batchSize());
        }
        if (options.linger() != null) {
            config = config.withBatchLinger(options.linger());
        }
        return config.withProperties(properties)
                .withJvm(ServiceProcess.SHORT_RUN_JAVA_OPTIONS, ServiceProcessConfig.DEFAULT_READY_TIMEOUT);
    }

    private DemoSummary runStack(PairImages images, Path model, RetrainSetup retrain) {
        listener.stage("starting Kafka and the schema registry (data and logs in " + options.workDir() + ")");
        try (LocalStack stack = LocalStack.start(options.workDir(), files, LocalStack.DEFAULT_START_TIMEOUT)) {
            stack.createTopics(PipelineTopics.all((short) 1));
            PipelineTopics.registerSchemas(new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl())));
            Endpoints endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
            listener.stage("starting the service with model " + model);
            // A fresh group on a fresh broker: no reason to wait for absent members.
            Map<String, String> properties = new HashMap<>(Map.of("kafka-streams.session.timeout.ms", "10000"));
            if (retrain != null) {
                properties.putAll(retrain.serviceProperties());
            }
            ServiceProcessConfig config = serviceConfig(endpoints, model, files.serviceJar(), properties);
            try (ServiceProcess service = ServiceProcess.start(config);
                 RetrainSetup.Running trainer = retrain == null ? null : retrain.start(endpoints)) {
                listener.stage("service ready at " + service.baseUrl() + "; publishing " + describePairs()
                        + " from " + images.dataset().description()
                        + (retrain == null ? "" : ", and as many labelled pairs for the trainer"));
                PairFlow current = new PairFlow(endpoints, images, options, listener, service::isAlive,
                        retrain == null ? null : retrain.labelledImages());
                flow = current;
                if (stopRequested) {
                    current.stop();
                }
                DemoSummary summary = current.run(options.workDir());
                listener.stage(retrain == null ? "stopping the service, Kafka and the schema registry"
                        : "stopping the trainer, the service, Kafka and the schema registry");
                return retrain == null ? summary : summary.withVersions(retrain.versions());
            }
        }
    }

    private String describePairs() {
        String count = options.pairs() == 0 ? "pairs until Ctrl-C" : options.pairs() + " pairs";
        return options.rate() > 0 ? count + " at " + options.rate() + " pairs/s" : count;
    }

    /** Ends the run early (e.g. on Ctrl-C); {@link #run()} then returns a summary of what came back. */
    public void stop() {
        stopRequested = true;
        PairFlow current = flow;
        if (current != null) {
            current.stop();
        }
    }
}
