package io.siamese.cli.faults;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service instances of one scenario: the packaged service, each with its own state directory and log
 * under {@code workDir/<instance>}, all under the scenario's application id and topics. Instances are named;
 * restarting a name reuses its state directory, as a restarted pod reuses its volume. {@link #close()} stops
 * every instance still running.
 */
final class ServiceFleet implements AutoCloseable {

    /**
     * The heap the deployment gives the service: the Kubernetes manifest limits the pod to 2Gi of memory
     * ({@code deploy/k8s/base/service-deployment.yaml}) and sets {@code -XX:MaxRAMPercentage=40}
     * ({@code deploy/k8s/base/service-config.yaml}): 40% of 2048 MiB is 819 MiB. Faults must be survived
     * with that heap, not a developer's larger default.
     */
    static final String DEPLOYED_HEAP = "-Xmx820m";
    /** Slow, shared machines: a service with several others starting beside it. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final LocalStack stack;
    private final Path modelPath;
    private final Path workDir;
    private final Map<String, String> properties;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    ServiceFleet(LocalStack stack, ScenarioTopics topics, Path modelPath, Path workDir, Map<String, String> extra) {
        this.stack = stack;
        this.modelPath = modelPath;
        this.workDir = workDir;
        this.properties = new HashMap<>(topics.serviceProperties());
        properties.putAll(extra);
    }

    /** Starts instance {@code name} and waits until it is ready. */
    synchronized ServiceProcess start(String name) {
        ServiceProcess service = launch(name);
        service.awaitReady(READY_TIMEOUT);
        return service;
    }

    /** Starts instance {@code name} without waiting for readiness (a dependency may be down). */
    synchronized ServiceProcess launch(String name) {
        if (running.containsKey(name)) {
            throw new IllegalStateException("instance " + name + " is running already");
        }
        ServiceProcessConfig config = ServiceProcessConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                        modelPath, workDir.resolve(name))
                .withProperties(properties)
                .withJvm(List.of(DEPLOYED_HEAP), READY_TIMEOUT);
        ServiceProcess service = ServiceProcess.launch(config);
        running.put(name, service);
        return service;
    }

    /** Kills instance {@code name} like a crash ({@code kill -9}); it no longer counts as running. */
    synchronized void kill(String name) {
        ServiceProcess service = running.remove(name);
        if (service == null) {
            throw new IllegalStateException("instance " + name + " is not running");
        }
        service.kill();
    }

    /** @return the running instances by name (those killed and not restarted are not here) */
    synchronized Map<String, ServiceProcess> running() {
        return Map.copyOf(running);
    }

    /** @return {@code name}'s log tail, for a report on what went wrong */
    synchronized String logTail(String name, int lines) {
        ServiceProcess service = running.get(name);
        return service == null ? "" : service.logTail(lines);
    }

    @Override
    public synchronized void close() {
        for (ServiceProcess service : running.values()) {
            service.close();
        }
        running.clear();
    }
}
