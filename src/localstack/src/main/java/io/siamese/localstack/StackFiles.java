package io.siamese.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the programs of the local stack are, as the build lays them out under the repository root
 * (system property {@value #HOME}, set by the {@code ./siamese} launcher):
 *
 * <ul>
 *   <li>{@code src/localstack/target/kafka-lib}: the Kafka broker's classpath (property {@value #KAFKA_LIB});</li>
 *   <li>{@code src/localstack/target/apicurio}: Apicurio Registry (property {@value #APICURIO_HOME}), run with a Java
 *       21+ runtime (property {@value #APICURIO_JAVA_HOME} or env {@code APICURIO_JAVA_HOME}, else found);</li>
 *   <li>{@code src/cli/target/service/quarkus-run.jar}: the streaming service, unpacked from its artifact
 *       (property {@value #SERVICE_JAR}).</li>
 * </ul>
 *
 * <p>The properties are not under {@code siamese.}: the service rejects unknown {@code siamese.*} keys at start,
 * and Quarkus tests run in a JVM that has these properties set.
 *
 * @param kafkaLib     folder of jars for {@code kafka.Kafka}
 * @param apicurioHome folder holding Apicurio's {@code quarkus-run.jar}
 * @param serviceJar   the service's {@code quarkus-run.jar}
 */
public record StackFiles(Path kafkaLib, Path apicurioHome, Path serviceJar) {

    /** System property: the repository root. */
    public static final String HOME = "localstack.home";
    /** System property: the Kafka classpath folder. */
    public static final String KAFKA_LIB = "localstack.kafka.lib";
    /** System property: the unpacked Apicurio distribution. */
    public static final String APICURIO_HOME = "localstack.apicurio.home";
    /** System property: the JAVA_HOME used for Apicurio. */
    public static final String APICURIO_JAVA_HOME = "localstack.apicurio.java.home";
    /** System property: the service's runnable jar. */
    public static final String SERVICE_JAR = "localstack.service.jar";

    private static final String REBUILD = "; build with ./siamese build (or mvn -B -DskipTests install)";

    /** @return the locations from system properties, defaulting to the build layout under {@value #HOME} */
    public static StackFiles fromSystemProperties() {
        Path home = home();
        return new StackFiles(
                property(KAFKA_LIB, home.resolve("src/localstack/target/kafka-lib")),
                property(APICURIO_HOME, home.resolve("src/localstack/target/apicurio")),
                property(SERVICE_JAR, home.resolve("src/cli/target/service/quarkus-run.jar")));
    }

    /** @return the repository root ({@value #HOME}, default the working directory) */
    public static Path home() {
        return Path.of(System.getProperty(HOME, ".")).toAbsolutePath().normalize();
    }

    /** @return the Kafka classpath, e.g. {@code /repo/src/localstack/target/kafka-lib/*} */
    public String kafkaClasspath() {
        try (Stream<Path> jars = Files.list(kafkaLib)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"))) {
                throw new IllegalStateException("no kafka_2.13 jar in " + kafkaLib + REBUILD);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker classpath " + kafkaLib + " is missing" + REBUILD, e);
        }
        return kafkaLib.resolve("*").toString();
    }

    /** @return Apicurio's {@code quarkus-run.jar}, checked to exist */
    public Path apicurioJar() {
        return existing(apicurioHome.resolve("quarkus-run.jar"), "Apicurio Registry");
    }

    /** @return the service jar, checked to exist */
    public Path checkedServiceJar() {
        return existing(serviceJar, "the streaming service");
    }

    /** @return the Java 21+ runtime Apicurio 3.3 needs */
    public Path apicurioJava() {
        return JavaRuntimes.atLeast(21, System.getProperty(APICURIO_JAVA_HOME, System.getenv("APICURIO_JAVA_HOME")));
    }

    private static Path existing(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(what + " is not built: " + file + " does not exist" + REBUILD);
        }
        return file;
    }

    private static Path property(String key, Path fallback) {
        String value = System.getProperty(key);
        return (value == null || value.isBlank() ? fallback : Path.of(value)).toAbsolutePath().normalize();
    }
}
