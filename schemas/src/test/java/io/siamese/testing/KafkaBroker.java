package io.siamese.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) running inside the test JVM on free ports of
 * 127.0.0.1, with its data in a temporary directory deleted on {@link #close()}. It is the same server class
 * the official distribution runs, formatted with the storage tool exactly as in production.
 *
 * <p>{@link #shared()} starts one broker per JVM (about 5 s), closed by a shutdown hook; tests isolate
 * themselves with their own topic names.
 */
public final class KafkaBroker implements AutoCloseable {

    private static KafkaBroker shared;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final Thread shutdownHook;
    private Admin admin;

    private KafkaBroker(KafkaRaftServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "kafka-broker-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @return the broker shared by all tests of this JVM, started on first use */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Formats a fresh data directory and starts a broker; returns once it accepts clients. */
    public static KafkaBroker start() {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        try {
            Path dataDir = Files.createTempDirectory("kafka-broker-");
            Properties config = KafkaBrokerConfig.singleNode(port, controllerPort, dataDir);
            format(config, dataDir);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            // startup() returns when the broker has caught up with the metadata log and is unfenced.
            server.startup();
            return new KafkaBroker(server, dataDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Kafka data directory", e);
        }
    }

    /** @return the {@code bootstrap.servers} value for clients */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** @return a minimal client config map ({@code bootstrap.servers} only) to extend */
    public Map<String, Object> clientConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** @return an admin client owned by this broker (closed with it); do not close it yourself */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientConfig());
        }
        return admin;
    }

    /** Creates a topic with replication factor 1; a topic that exists already is left as it is. */
    public void createTopic(String name, int partitions) {
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing to unregister.
        }
    }

    private synchronized void stop() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        server.shutdown();
        server.awaitShutdown();
        deleteRecursively(dataDir);
    }

    private static void format(Properties config, Path dataDir) throws IOException {
        Path file = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "single-node test broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
            "--config", file.toString(), "--release-version", MetadataVersion.LATEST_PRODUCTION.version()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("kafka-storage format failed (" + status + "): " + output);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
