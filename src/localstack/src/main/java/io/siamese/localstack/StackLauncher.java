package io.siamese.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/** Starts the broker and the registry of a {@link LocalStack} in parallel, on free ports. */
final class StackLauncher {

    /**
     * The running children and their ports.
     *
     * @param broker                 the Kafka process
     * @param registry               the Apicurio process
     * @param kafkaPort              the broker's client port
     * @param registryPort           the registry's API port
     * @param registryManagementPort the registry's health port
     */
    record Started(ChildProcess broker, ChildProcess registry, int kafkaPort, int registryPort,
                   int registryManagementPort) {
    }

    private StackLauncher() {
    }

    /**
     * Starts both and waits until both are ready. A port taken by another program between choosing and binding
     * it fails a start with "Address already in use": that is retried once, on fresh ports and fresh data.
     *
     * @param brokerOptions the broker's JVM options unless {@code SIAMESE_KAFKA_JAVA_OPTS} replaces them
     * @param security      SASL, ACLs and registry credentials, or none
     * @throws IllegalStateException when either fails (the other is stopped), with the tail of its log
     */
    static Started start(Path dir, StackFiles files, List<String> brokerOptions, Optional<StackSecurity> security,
                         Duration timeout) {
        // A stack is throw-away: data an earlier stack left in the directory (another cluster id) would fail
        // the broker's format, and its schemas would not be this registry's.
        deleteRecursively(dir.resolve("kafka"));
        deleteRecursively(dir.resolve("registry"));
        try {
            return startOnce(dir, files, brokerOptions, security, timeout);
        } catch (IllegalStateException e) {
            if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw e;
            }
            deleteRecursively(dir.resolve("kafka"));
            deleteRecursively(dir.resolve("registry"));
            return startOnce(dir, files, brokerOptions, security, timeout);
        }
    }

    private static Started startOnce(Path dir, StackFiles files, List<String> brokerOptions,
                                     Optional<StackSecurity> security, Duration timeout) {
        Path logs = dir.resolve("logs");
        int[] ports = FreePorts.distinct(4); // kafka, controller, registry API, registry management
        // Own threads, not the common pool: on a 2-core machine that has a single worker and would serialise.
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<ChildProcess> broker = CompletableFuture.supplyAsync(() -> KafkaBrokerProcess.start(
                    files, dir.resolve("kafka"), dir.resolve("kafka").resolve("data"), logs, ports[0], ports[1],
                    brokerOptions, security, timeout), starter);
            CompletableFuture<ChildProcess> registry = CompletableFuture.supplyAsync(() -> RegistryProcess.start(
                    files, dir.resolve("registry"), logs.resolve("registry.log"), ports[2], ports[3], security,
                    timeout),
                    starter);
            try {
                CompletableFuture.allOf(broker, registry).join();
                return new Started(broker.join(), registry.join(), ports[0], ports[2], ports[3]);
            } catch (CompletionException e) {
                // Whichever did start must not outlive the failure.
                CompletableFuture.allOf(broker, registry).exceptionally(ignored -> null).join();
                closeIfStarted(broker);
                closeIfStarted(registry);
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        } finally {
            starter.shutdown();
        }
    }

    private static void closeIfStarted(CompletableFuture<ChildProcess> start) {
        if (!start.isCompletedExceptionally()) {
            start.join().close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + " before retrying", e);
        }
    }
}
