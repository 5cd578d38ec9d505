package io.siamese.localstack;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Finds {@code java} executables: this JVM's, or an installed newer one for programs that need it. */
public final class JavaRuntimes {

    private static final Path JVMS = Path.of("/usr/lib/jvm");

    private JavaRuntimes() {
    }

    /** @return the {@code java} of the running JVM, for children on our own Java version */
    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Finds a Java of at least {@code minimum}: the configured home if given, else this JVM if new enough,
     * else the newest suitable JDK under {@code /usr/lib/jvm}.
     *
     * @param minimum    the lowest acceptable feature version, e.g. 21
     * @param configured a JAVA_HOME-style directory chosen by the user, or null
     * @return the {@code java} executable
     * @throws IllegalStateException when none is installed, saying what to install
     */
    public static Path atLeast(int minimum, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, "bin", "java");
        }
        if (Runtime.version().feature() >= minimum) {
            return current();
        }
        return installed().stream().filter(jdk -> majorVersion(jdk) >= minimum)
                .max(Comparator.comparingInt(JavaRuntimes::majorVersion))
                .map(jdk -> jdk.resolve("bin").resolve("java"))
                .orElseThrow(() -> new IllegalStateException("a Java " + minimum + "+ runtime is needed (this JVM is "
                        + Runtime.version().feature() + ") and none was found in " + JVMS + ": install one (e.g."
                        + " Temurin 25) or set " + StackFiles.APICURIO_JAVA_HOME));
    }

    private static List<Path> installed() {
        if (!Files.isDirectory(JVMS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(JVMS)) {
            return entries.filter(dir -> Files.isExecutable(dir.resolve("bin/java"))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Reads JAVA_VERSION from the JDK's {@code release} file; 0 when unknown. */
    static int majorVersion(Path jdk) {
        Properties release = new Properties();
        try (Reader in = Files.newBufferedReader(jdk.resolve("release"))) {
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
