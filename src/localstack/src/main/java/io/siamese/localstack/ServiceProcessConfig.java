package io.siamese.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link ServiceProcess} runs the streaming service.
 *
 * @param jar              the service's {@code quarkus-run.jar}
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param registryUrl      Confluent-compatible schema registry API base
 * @param modelPath        checkpoint directory the service loads
 * @param stateDir         Kafka Streams state directory
 * @param extraProperties  further {@code -D} system properties, e.g. Quarkus or Kafka Streams settings
 * @param javaOptions      JVM options placed before the properties, e.g. {@code -Xmx2g}
 * @param log              where the service's output goes
 * @param readyTimeout     how long to wait for {@code /q/health/ready}
 */
public record ServiceProcessConfig(Path jar, String bootstrapServers, String registryUrl, Path modelPath,
                                   Path stateDir, Map<String, String> extraProperties, List<String> javaOptions,
                                   Path log, Duration readyTimeout) {

    /** The service's property for the largest micro-batch of pairs per model call. */
    public static final String BATCH_MAX_SIZE = "siamese.batch.max-size";
    /** The service's property for the longest a pair waits for its batch to fill. */
    public static final String BATCH_MAX_LINGER = "siamese.batch.max-linger";
    /** Default readiness limit: model loading and Kafka Streams start-up on a slow machine. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    /** Validates the settings and copies the collections. */
    public ServiceProcessConfig {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(log, "log");
        extraProperties = Map.copyOf(extraProperties);
        javaOptions = List.copyOf(javaOptions);
    }

    /**
     * The settings for a service in {@code workDir} (state in {@code streams-state}, log in
     * {@code logs/service.log}) with the service's own defaults for everything else, and the jar of the build.
     */
    public static ServiceProcessConfig of(String bootstrapServers, String registryUrl, Path modelPath, Path workDir) {
        return new ServiceProcessConfig(StackFiles.fromSystemProperties().serviceJar(), bootstrapServers, registryUrl,
                modelPath.toAbsolutePath(), workDir.resolve("streams-state").toAbsolutePath(), Map.of(), List.of(),
                workDir.resolve("logs").resolve("service.log").toAbsolutePath(), DEFAULT_READY_TIMEOUT);
    }

    /**
     * @return a copy that sets the service's {@code siamese.batch.max-size} and {@code siamese.batch.max-linger}
     *         (unset, the service's own defaults apply)
     */
    public ServiceProcessConfig withBatching(int maxSize, Duration maxLinger) {
        return withBatchSize(maxSize).withBatchLinger(maxLinger);
    }

    /** @return a copy that sets the service's {@code siamese.batch.max-size} */
    public ServiceProcessConfig withBatchSize(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + maxSize);
        }
        return withProperties(Map.of(BATCH_MAX_SIZE, Integer.toString(maxSize)));
    }

    /** @return a copy that sets the service's {@code siamese.batch.max-linger} */
    public ServiceProcessConfig withBatchLinger(Duration maxLinger) {
        if (maxLinger.isNegative()) {
            throw new IllegalArgumentException("batch linger must not be negative, got " + maxLinger);
        }
        return withProperties(Map.of(BATCH_MAX_LINGER, maxLinger.toMillis() + "ms"));
    }

    /** @return a copy that also passes {@code -Dkey=value} for each entry (later entries win) */
    public ServiceProcessConfig withProperties(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(extraProperties);
        merged.putAll(more);
        return new ServiceProcessConfig(jar, bootstrapServers, registryUrl, modelPath, stateDir,
                merged, javaOptions, log, readyTimeout);
    }

    /** @return a copy running another jar (tests use a fake service) */
    public ServiceProcessConfig withJar(Path otherJar) {
        return new ServiceProcessConfig(otherJar, bootstrapServers, registryUrl, modelPath, stateDir,
                extraProperties, javaOptions, log, readyTimeout);
    }

    /** @return a copy with other JVM options and readiness limit */
    public ServiceProcessConfig withJvm(List<String> options, Duration timeout) {
        return new ServiceProcessConfig(jar, bootstrapServers, registryUrl, modelPath, stateDir,
                extraProperties, options, log, timeout);
    }
}
