package io.siamese.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Apicurio Registry 3.3 (Confluent-compatible API under {@code /apis/ccompat/v7}) as a child process,
 * with the global compatibility rule BACKWARD as production sets it, storing its schemas in an H2 file.
 */
final class RegistryProcess {

    private RegistryProcess() {
    }

    /**
     * Starts the registry and waits until its management endpoint reports ready.
     *
     * @param files          where Apicurio and a Java 21+ runtime are
     * @param dataDir        folder for the H2 database
     * @param log            the log file
     * @param httpPort       API port on 127.0.0.1
     * @param managementPort health port on 127.0.0.1
     * @param security       the users whose basic credentials the API wants, or none (an open API)
     * @param timeout        how long start-up may take
     * @return the running registry
     */
    static ChildProcess start(StackFiles files, Path dataDir, Path log, int httpPort, int managementPort,
                              Optional<StackSecurity> security, Duration timeout) {
        Path jar = files.apicurioJar();
        // C1 only: the registry starts in about half the time, and it serves few, cached lookups.
        List<String> command = new ArrayList<>(List.of(files.apicurioJava().toString(), "-Xmx192m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                // Without the management host Apicurio binds its health port on 0.0.0.0:9000.
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                // Without it Apicurio reports NONE and accepts any change; production runs BACKWARD.
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dataDir.resolve("registry")));
        security.ifPresent(s -> command.addAll(s.registryOptions()));
        command.addAll(List.of("-jar", jar.toString()));
        ChildProcess registry = ChildProcess.start("registry", command, jar.getParent(), Map.of(), log,
                Duration.ofSeconds(15));
        try {
            registry.awaitHttpOk("http://127.0.0.1:" + managementPort + "/health/ready", timeout);
            return registry;
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }
}
