package io.siamese.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker as a child process, started exactly as the official distribution
 * does: {@code kafka.tools.StorageTool format --standalone}, then {@code kafka.Kafka server.properties}.
 */
final class KafkaBrokerProcess {

    /** Logged by KafkaRaftServer once broker and controller are up and the broker is unfenced. */
    static final String STARTED = "Kafka Server started";

    /** Whitespace-separated JVM options that replace {@link #DEFAULT_JAVA_OPTIONS}, e.g. to try another GC. */
    static final String JAVA_OPTS_ENV = "SIAMESE_KAFKA_JAVA_OPTS";

    /** The broker's heap and collector unless {@value #JAVA_OPTS_ENV} says otherwise. */
    static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    /**
     * The defaults plus the service's JIT option ({@link ServiceProcess#DEFAULT_JAVA_OPTIONS},
     * {@code CompileThresholdScaling=0.1}), for a broker that is measured in its steady state
     * ({@code bench stream}). Such a broker is as fresh as the service it serves, and its C2 compiler otherwise
     * keeps compiling warm request paths for minutes, taking CPU from the service it is measured beside; with
     * the option that work happens during the benchmark's warm-up. Not the default: compiling sooner costs a
     * fresh broker its first seconds, which is all a demo has. Measurements: docs/performance.md.
     */
    static final List<String> STEADY_STATE_JAVA_OPTIONS = Stream.concat(DEFAULT_JAVA_OPTIONS.stream(),
            ServiceProcess.DEFAULT_JAVA_OPTIONS.stream()).toList();

    private KafkaBrokerProcess() {
    }

    /**
     * Formats {@code dataDir} and starts the broker; returns once it accepts clients.
     *
     * @param files   where the Kafka classpath is
     * @param workDir holds {@code server.properties}
     * @param dataDir the broker's log directory, formatted here
     * @param logs    folder for {@code kafka.log} and {@code kafka-format.log}
     * @param port           client port on 127.0.0.1
     * @param controllerPort KRaft controller port on 127.0.0.1
     * @param defaults       JVM options unless {@value #JAVA_OPTS_ENV} replaces them
     * @param security       SASL and ACLs, or none
     * @param timeout        how long start-up may take
     * @return the running broker
     */
    static ChildProcess start(StackFiles files, Path workDir, Path dataDir, Path logs, int port, int controllerPort,
                              List<String> defaults, Optional<StackSecurity> security, Duration timeout) {
        Path config = writeConfig(workDir, KafkaServerConfig.singleNode(port, controllerPort, dataDir, security));
        String classpath = files.kafkaClasspath();
        String java = JavaRuntimes.current().toString();
        ChildProcess format = ChildProcess.start("kafka-format", List.of(java, "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", classpath, // a one-shot tool: C1 only starts faster
                "kafka.tools.StorageTool", "format", "--standalone", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", config.toString()), workDir, Map.of(), logs.resolve("kafka-format.log"), timeout);
        int status = format.awaitExit(timeout);
        if (status != 0) {
            throw new IllegalStateException("kafka-storage format failed (exit " + status + "); last lines of "
                    + format.log() + ":\n" + format.logTail(20));
        }
        return launch(files, workDir, config, logs, defaults, timeout);
    }

    /**
     * Starts a broker formatted and stopped before, with its {@code server.properties} in {@code workDir}:
     * same ports, same data directory, nothing reformatted (its topics, offsets and transactions survive).
     *
     * @param files    where the Kafka classpath is
     * @param workDir  holds the {@code server.properties} written by {@link #start}
     * @param logs     folder for {@code kafka.log} (appended to)
     * @param defaults JVM options unless {@value #JAVA_OPTS_ENV} replaces them
     * @param timeout  how long start-up may take
     * @return the running broker
     */
    static ChildProcess restart(StackFiles files, Path workDir, Path logs, List<String> defaults, Duration timeout) {
        Path config = workDir.resolve("server.properties");
        if (!Files.isRegularFile(config)) {
            throw new IllegalStateException("no broker was started in " + workDir + ": " + config + " is missing");
        }
        return launch(files, workDir, config, logs, defaults, timeout);
    }

    private static ChildProcess launch(StackFiles files, Path workDir, Path config, Path logs, List<String> defaults,
                                       Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(JavaRuntimes.current().toString());
        command.addAll(javaOptions(System.getenv(JAVA_OPTS_ENV), defaults));
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", files.kafkaClasspath(), "kafka.Kafka",
                config.toString()));
        Path log = logs.resolve("kafka.log");
        long logged = LogFollower.size(log);
        ChildProcess broker = ChildProcess.start("kafka", command, workDir, Map.of(), log, Duration.ofSeconds(20));
        try {
            broker.awaitLogLine(STARTED, logged, timeout); // a restart appends: only this run's lines count
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** @return the options in {@code environment} (the variable's value, or null), else {@code defaults} */
    static List<String> javaOptions(String environment, List<String> defaults) {
        List<String> options = ServiceProcess.environmentJavaOptions(environment);
        return options.isEmpty() ? defaults : options;
    }

    private static Path writeConfig(Path workDir, Properties properties) {
        Path file = workDir.resolve("server.properties");
        try {
            Files.createDirectories(workDir);
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "single-node KRaft broker of siamese LocalStack");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
