package io.siamese.trainer.stack;

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
 * @param batchMaxSize     largest micro-batch of pairs per model call
 * @param batchMaxLinger   longest a pair waits for its batch to fill
 * @param extraProperties  further {@code -D} system properties, e.g. Quarkus or Kafka Streams settings
 * @param javaOptions      JVM options placed before the properties, e.g. {@code -Xmx2g}
 * @param log              where the service's output goes
 * @param readyTimeout     how long to wait for {@code /q/health/ready}
 */
public record ServiceConfig(Path jar, String bootstrapServers, String registryUrl, Path modelPath, Path stateDir,
                            int batchMaxSize, Duration batchMaxLinger, Map<String, String> extraProperties,
                            List<String> javaOptions, Path log, Duration readyTimeout) {

    /** Default micro-batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Default batch linger. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);
    /** Default readiness limit: model loading and Kafka Streams start-up on a slow machine. */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    /** Validates the settings and copies the collections. */
    public ServiceConfig {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(log, "log");
        if (batchMaxSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchMaxSize);
        }
        if (batchMaxLinger.isNegative()) {
            throw new IllegalArgumentException("batch linger must not be negative, got " + batchMaxLinger);
        }
        extraProperties = Map.copyOf(extraProperties);
        javaOptions = List.copyOf(javaOptions);
    }

    /**
     * The settings for a service in {@code workDir} (state in {@code streams-state}, log in
     * {@code logs/service.log}) with default batching and the jar of the build.
     */
    public static ServiceConfig of(String bootstrapServers, String registryUrl, Path modelPath, Path workDir) {
        return new ServiceConfig(StackFiles.fromSystemProperties().serviceJar(), bootstrapServers, registryUrl,
                modelPath.toAbsolutePath(), workDir.resolve("streams-state").toAbsolutePath(), DEFAULT_BATCH_SIZE,
                DEFAULT_LINGER, Map.of(), List.of(), workDir.resolve("logs").resolve("service.log").toAbsolutePath(),
                DEFAULT_READY_TIMEOUT);
    }

    /** @return a copy with other batching settings */
    public ServiceConfig withBatching(int maxSize, Duration maxLinger) {
        return new ServiceConfig(jar, bootstrapServers, registryUrl, modelPath, stateDir, maxSize, maxLinger,
                extraProperties, javaOptions, log, readyTimeout);
    }

    /** @return a copy that also passes {@code -Dkey=value} for each entry (later entries win) */
    public ServiceConfig withProperties(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(extraProperties);
        merged.putAll(more);
        return new ServiceConfig(jar, bootstrapServers, registryUrl, modelPath, stateDir, batchMaxSize,
                batchMaxLinger, merged, javaOptions, log, readyTimeout);
    }

    /** @return a copy running another jar (tests use a fake service) */
    public ServiceConfig withJar(Path otherJar) {
        return new ServiceConfig(otherJar, bootstrapServers, registryUrl, modelPath, stateDir, batchMaxSize,
                batchMaxLinger, extraProperties, javaOptions, log, readyTimeout);
    }

    /** @return a copy with other JVM options and readiness limit */
    public ServiceConfig withJvm(List<String> options, Duration timeout) {
        return new ServiceConfig(jar, bootstrapServers, registryUrl, modelPath, stateDir, batchMaxSize,
                batchMaxLinger, extraProperties, options, log, timeout);
    }
}
