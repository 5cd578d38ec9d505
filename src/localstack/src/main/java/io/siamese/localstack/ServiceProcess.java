package io.siamese.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming service ({@code src/service}, a Quarkus fast-jar) as a child process on a free port of
 * 127.0.0.1, configured entirely through system properties (see {@link #properties}). {@link #start} returns
 * once {@code GET /q/health/ready} answers 200.
 *
 * <p>{@link #close()} stops it gracefully (SIGTERM: Quarkus closes Kafka Streams and commits); {@link #kill()}
 * kills it like a crash, for recovery tests. A JVM shutdown hook stops it if this JVM exits first.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Environment variable with extra JVM options for the service process. */
    public static final String JAVA_OPTS_ENV = "SIAMESE_SERVICE_JAVA_OPTS";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * JVM options every service process gets, before the configured and environment ones (which can override
     * them). {@code CompileThresholdScaling=0.1} compiles methods after a tenth of the usual calls: a fresh
     * service's JIT otherwise spends minutes compiling code that is warm rather than hot (per commit, per
     * produce request), and on a small machine those cycles are taken from the forward passes. Also in the
     * launcher's {@code serve}, the Docker images and the deployment manifests.
     */
    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-XX:CompileThresholdScaling=0.1");
    /**
     * Configured JVM options for a service that runs for seconds, not minutes (the demo): the JVM's own
     * compile thresholds, overriding {@link #DEFAULT_JAVA_OPTIONS}. Compiling sooner pays off over minutes, but
     * it makes a fresh service compile hardest in its first seconds, when a small machine is also busy starting
     * the broker, the registry and the publisher, and that is when a short run's latency is decided.
     * Measurements: docs/performance.md.
     */
    public static final List<String> SHORT_RUN_JAVA_OPTIONS = List.of("-XX:CompileThresholdScaling=1");

    private final ChildProcess process;
    private final int port;

    private ServiceProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the service and waits until it reports ready.
     *
     * @throws IllegalStateException when the jar is missing, or the service exits or is not ready in time
     *                               (the message includes the tail of its log)
     */
    public static ServiceProcess start(ServiceProcessConfig config) {
        ServiceProcess service = launch(config);
        try {
            service.awaitReady(config.readyTimeout());
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Starts the service and returns at once, without waiting for readiness: for a service started while a
     * dependency is down (it must then report not ready), or several started in parallel. The caller waits
     * with {@link #awaitLive} / {@link #awaitReady} and closes it in any case.
     *
     * @throws IllegalStateException when the jar is missing
     */
    public static ServiceProcess launch(ServiceProcessConfig config) {
        if (!Files.isRegularFile(config.jar())) {
            throw new IllegalStateException("the streaming service is not built: " + config.jar() + " does not"
                    + " exist; build with ./siamese build (or mvn -B -DskipTests install)");
        }
        int port = FreePorts.next();
        try {
            Files.createDirectories(config.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.stateDir(), e);
        }
        ChildProcess child = ChildProcess.start("service", command(config, port), config.log().getParent(),
                DjlProcessEnvironment.get(), config.log(), STOP_TIMEOUT);
        return new ServiceProcess(child, port);
    }

    /**
     * Waits until {@code GET /q/health/ready} answers 200 (Kafka Streams running, a model loaded).
     *
     * @throws IllegalStateException when the service exits first or the timeout passes, with its log's tail
     */
    public void awaitReady(Duration timeout) {
        process.awaitHttpOk(baseUrl() + "/q/health/ready", timeout);
    }

    /**
     * Waits until {@code GET /q/health/live} answers 200 (the process serves HTTP and is not wedged).
     *
     * @throws IllegalStateException when the service exits first or the timeout passes, with its log's tail
     */
    public void awaitLive(Duration timeout) {
        process.awaitHttpOk(baseUrl() + "/q/health/live", timeout);
    }

    /** @return {@code java <options> -D... -jar <jar>} for {@code config} on {@code port} */
    static List<String> command(ServiceProcessConfig config, int port) {
        List<String> command = new ArrayList<>();
        command.add(JavaRuntimes.current().toString());
        command.add("-Dai.djl.offline=true");
        command.add("-Djava.awt.headless=true");
        command.addAll(DEFAULT_JAVA_OPTIONS);
        command.addAll(config.javaOptions());
        command.addAll(environmentJavaOptions(System.getenv(JAVA_OPTS_ENV)));
        properties(config, port).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(config.jar().toString());
        return command;
    }

    /**
     * JVM options from {@value #JAVA_OPTS_ENV} (whitespace-separated), e.g. {@code -Xmx2g} or a
     * {@code -XX:StartFlightRecording=...} to profile the service a demo or benchmark starts.
     *
     * @param value the variable's value, or null
     * @return the options, empty when unset
     */
    static List<String> environmentJavaOptions(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /**
     * The system properties the service gets; this is its configuration contract.
     *
     * @return property names and values, extra properties last (they may override the others)
     */
    public static Map<String, String> properties(ServiceProcessConfig config, int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.host", "127.0.0.1");
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.kafka-streams.bootstrap-servers", config.bootstrapServers());
        p.put("siamese.registry.url", config.registryUrl());
        p.put("siamese.model.path", config.modelPath().toString());
        p.put("kafka-streams.state.dir", config.stateDir().toString());
        // The stacks it serves are unsecured unless the caller passes a client config: a SIAMESE_CLIENT_CONFIG
        // exported for a remote cluster must not reach a demo's or a test's service (an empty value names none).
        p.put("siamese.client-config", "");
        p.putAll(config.extraProperties());
        return p;
    }

    /** @return the HTTP port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return e.g. {@code http://127.0.0.1:40125} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** @return whether the service is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the operating-system process */
    public ProcessHandle handle() {
        return process.handle();
    }

    /** @return the service's log file */
    public Path log() {
        return process.log();
    }

    /** @return the last {@code lines} lines of the log */
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Kills the service at once (SIGKILL, like {@code kill -9}), descendants too. */
    public void kill() {
        process.kill();
    }

    /** Stops the service gracefully (SIGTERM; SIGKILL after 30 s). */
    @Override
    public void close() {
        process.close();
    }
}
