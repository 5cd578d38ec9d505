package io.siamese.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds the unpacked Apicurio distribution and a Java runtime able to run it, and starts the process.
 *
 * <p>Settings (system properties): {@value #HOME} (default {@code target/apicurio}, where the build unpacks
 * it), {@value #JAVA_HOME} (default: this JVM if it is Java 21+, else the newest Java 21+ under
 * {@code /usr/lib/jvm}; Apicurio 3.3 needs Java 21), {@value #START_TIMEOUT} in seconds (default 120).
 */
final class ApicurioLauncher {

    static final String HOME = "apicurio.home";
    static final String JAVA_HOME = "apicurio.java.home";
    static final String START_TIMEOUT = "apicurio.start.timeout.s";
    private static final int MIN_JAVA = 21;

    private final Path home;
    private final Path java;

    private ApicurioLauncher(Path home, Path java) {
        this.home = home;
        this.java = java;
    }

    static ApicurioLauncher fromEnvironment() {
        Path home = Path.of(System.getProperty(HOME, "target/apicurio")).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("Apicurio Registry distribution not found: no quarkus-run.jar in " + home
                    + ". Build with Maven (the unpack-apicurio execution of maven-dependency-plugin unpacks"
                    + " io.apicurio:apicurio-registry-app:tar.gz:all there) or set -D" + HOME);
        }
        return new ApicurioLauncher(home, findJava());
    }

    Duration startTimeout() {
        return Duration.ofSeconds(Long.getLong(START_TIMEOUT, 120));
    }

    Path logFile(int port) {
        Path dir = home.resolveSibling("apicurio-logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("apicurio-" + port + ".log");
    }

    Process launch(int httpPort, int managementPort, Path log) {
        List<String> command = List.of(java.toString(), "-Xmx160m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                // Without it Apicurio reports NONE and accepts any change; production runs BACKWARD.
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-jar", "quarkus-run.jar");
        try {
            return new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Apicurio Registry with " + java, e);
        }
    }

    private static Path findJava() {
        String configured = System.getProperty(JAVA_HOME, System.getenv("APICURIO_JAVA_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, "bin", "java");
        }
        if (Runtime.version().feature() >= MIN_JAVA) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        return installedJdks().filter(jdk -> majorVersion(jdk) >= MIN_JAVA)
                .max(Comparator.comparingInt(ApicurioLauncher::majorVersion))
                .map(jdk -> jdk.resolve("bin").resolve("java"))
                .orElseThrow(() -> new IllegalStateException("Apicurio Registry needs Java " + MIN_JAVA
                        + "+, this JVM is " + Runtime.version().feature() + " and none was found in /usr/lib/jvm:"
                        + " install one (e.g. Temurin 25) or set -D" + JAVA_HOME + " / APICURIO_JAVA_HOME"));
    }

    private static Stream<Path> installedJdks() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(jvms)) {
            return entries.filter(dir -> Files.isExecutable(dir.resolve("bin/java"))).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** Reads JAVA_VERSION from the JDK's {@code release} file; 0 when unknown. */
    private static int majorVersion(Path jdk) {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(jdk.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = Optional.ofNullable(release.getProperty("JAVA_VERSION")).orElse("0").replace("\"", "");
        String major = version.startsWith("1.") ? version.substring(2) : version;
        try {
            return Integer.parseInt(major.split("[.+-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
