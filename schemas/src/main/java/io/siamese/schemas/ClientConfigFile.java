package io.siamese.schemas;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A Kafka client properties file in the form Confluent's clients and Kafka's own tools read
 * ({@code --command-config}): Kafka keys such as {@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config} and {@code ssl.truststore.location}, and the registry's keys
 * {@code schema.registry.url}, {@code basic.auth.user.info} and {@code schema.registry.ssl.truststore.*}. It may
 * name {@code bootstrap.servers} as well.
 *
 * <p>Credentials live in a file (a mounted Kubernetes Secret, a file of mode 600) rather than on a command line
 * or in the environment, where {@code ps} and crash reports show them. The service, the trainer and every CLI
 * command read the same file, named by {@value #ENV} or an option.
 */
public final class ClientConfigFile {

    /** Environment variable naming the file, read by {@code serve}, {@code trainer}, {@code publish}, {@code tail}. */
    public static final String ENV = "SIAMESE_CLIENT_CONFIG";
    /** Confluent's key for where basic-auth credentials come from; only {@value #USER_INFO} is supported. */
    static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    private static final String USER_INFO = "USER_INFO";

    private ClientConfigFile() {
    }

    /**
     * Reads the file.
     *
     * @return its properties, trimmed, in key order
     * @throws IllegalArgumentException when it is missing, unreadable, or asks for an unsupported credentials source
     */
    public static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("client config " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read client config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.strip(), p.getProperty(k).strip()));
        String source = out.getOrDefault(CREDENTIALS_SOURCE, USER_INFO);
        if (!source.equalsIgnoreCase(USER_INFO)) {
            throw new IllegalArgumentException("client config " + file + ": " + CREDENTIALS_SOURCE + "=" + source
                    + " is not supported; put user:password in basic.auth.user.info");
        }
        out.remove(CREDENTIALS_SOURCE);
        return out;
    }

    /**
     * Writes {@code properties} as a client config file readable by its owner only (it may hold passwords), for a
     * child process that must use exactly these settings and not whatever {@value #ENV} names.
     *
     * @return {@code file}
     */
    public static Path write(Path file, Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "siamese client config");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write client config " + file, e);
        }
    }

    /** @return the properties of the file {@value #ENV} names in {@code env}, or none when it names none */
    public static Map<String, String> fromEnvironment(UnaryOperator<String> env) {
        return Optional.ofNullable(env.apply(ENV)).filter(v -> !v.isBlank())
                .map(v -> read(Path.of(v.strip()))).orElse(Map.of());
    }

    /** @return {@code properties} with every secret's value replaced by {@code ***}, for logs and errors */
    public static Map<String, String> redacted(Map<String, String> properties) {
        Map<String, String> out = new TreeMap<>(properties);
        out.replaceAll((k, v) -> isSecret(k) ? "***" : v);
        return out;
    }

    private static boolean isSecret(String key) {
        return key.contains("password") || key.contains("jaas") || key.equals("basic.auth.user.info")
                || key.endsWith(".key") || key.contains("secret");
    }
}
