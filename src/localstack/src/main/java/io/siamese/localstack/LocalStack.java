package io.siamese.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A throw-away Kafka + schema registry on this machine, as child processes: a real single-node KRaft broker
 * (Kafka 4.1) and a real Apicurio Registry 3.3 with its Confluent-compatible API. Everything binds to
 * 127.0.0.1 on free ports; data and logs go to {@code workDir/{kafka,registry,logs}}.
 *
 * <p>{@link #close()} stops both (SIGTERM, then SIGKILL after a timeout, descendants too); a JVM shutdown hook
 * ({@link ChildProcess}) does the same on Ctrl-C or exit, so no broker or registry is ever left running.
 */
public final class LocalStack implements AutoCloseable {

    /** Default limit for each of broker and registry to become ready (slow, shared machines). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    private final Path workDir;
    private final StackFiles files;
    private final List<String> brokerOptions;
    private final Optional<StackSecurity> security;
    private final Duration startTimeout;
    private final int kafkaPort;
    private final int registryPort;
    private final int registryManagementPort;
    // Replaced by a restart (fault tests stop and start them); null while stopped.
    private volatile ChildProcess broker;
    private volatile ChildProcess registry;

    private LocalStack(Path workDir, StackFiles files, List<String> brokerOptions, Optional<StackSecurity> security,
                       Duration startTimeout, StackLauncher.Started started) {
        this.workDir = workDir;
        this.files = files;
        this.brokerOptions = brokerOptions;
        this.security = security;
        this.startTimeout = startTimeout;
        this.broker = started.broker();
        this.registry = started.registry();
        this.kafkaPort = started.kafkaPort();
        this.registryPort = started.registryPort();
        this.registryManagementPort = started.registryManagementPort();
    }

    /** Starts a stack in {@code workDir} with the build's files and the default timeout. */
    public static LocalStack start(Path workDir) {
        return start(workDir, StackFiles.fromSystemProperties(), DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts broker and registry in parallel (each takes several seconds) and waits until both are ready.
     *
     * @param workDir where data and logs go; created if missing
     * @param files   where the programs are
     * @param timeout start-up limit for each
     * @return the running stack
     * @throws IllegalStateException when either fails to start (the other is stopped), with its log's tail
     */
    public static LocalStack start(Path workDir, StackFiles files, Duration timeout) {
        return start(workDir, files, KafkaBrokerProcess.DEFAULT_JAVA_OPTIONS, Optional.empty(), timeout);
    }

    /**
     * Starts a stack whose broker authenticates clients with SASL/PLAIN and authorises them with ACLs (none
     * exist: grant them with {@link #createAcls}), and whose registry wants basic credentials; otherwise as
     * {@link #start(Path)}. {@link #clientConfig()} and {@link #createTopics} use the super user.
     */
    public static LocalStack startSecured(Path workDir, StackSecurity security) {
        return start(workDir, StackFiles.fromSystemProperties(), KafkaBrokerProcess.DEFAULT_JAVA_OPTIONS,
                Optional.of(security), DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts a stack whose broker compiles its warm code early, for benchmarks that time it after a warm-up
     * (see {@code KafkaBrokerProcess.STEADY_STATE_JAVA_OPTIONS}); otherwise as {@link #start(Path)}.
     */
    public static LocalStack startForBenchmark(Path workDir) {
        return start(workDir, StackFiles.fromSystemProperties(), KafkaBrokerProcess.STEADY_STATE_JAVA_OPTIONS,
                Optional.empty(), DEFAULT_START_TIMEOUT);
    }

    private static LocalStack start(Path workDir, StackFiles files, List<String> brokerOptions,
                                    Optional<StackSecurity> security, Duration timeout) {
        Path dir = workDir.toAbsolutePath().normalize();
        StackLauncher.Started started = StackLauncher.start(dir, files, brokerOptions, security, timeout);
        return new LocalStack(dir, files, brokerOptions, security, timeout, started);
    }

    /** @return the {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123} */
    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** @return the Confluent-compatible API base, e.g. {@code http://127.0.0.1:40124/apis/ccompat/v7} */
    public String registryUrl() {
        return "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
    }

    /** @return the users and passwords of a secured stack ({@link #startSecured}), else empty */
    public Optional<StackSecurity> security() {
        return security;
    }

    /** @return the work directory (data in {@code kafka/}, {@code registry/}; logs in {@code logs/}) */
    public Path workDir() {
        return workDir;
    }

    /**
     * @return the broker's and the registry's processes, in that order, those running (checks that nothing is
     *         left behind, CPU figures)
     */
    public List<ProcessHandle> processes() {
        return Stream.of(broker, registry).filter(Objects::nonNull).map(ChildProcess::handle).toList();
    }

    /** @return the registry's health endpoint ({@code GET} answers 200 when it serves) */
    public String registryReadyUrl() {
        return "http://127.0.0.1:" + registryManagementPort + "/health/ready";
    }

    /**
     * Stops the broker gracefully (SIGTERM; clients then see it unreachable) and waits until it has exited.
     * {@link #startBroker()} brings it back. Does nothing when it is stopped already.
     */
    public synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /**
     * Starts the broker stopped by {@link #stopBroker()} again on the same ports and data directory, not
     * reformatted: topics, committed offsets and transactions survive. Returns once it accepts clients.
     *
     * @throws IllegalStateException when it does not start (with its log's tail), or is running already
     */
    public synchronized void startBroker() {
        if (broker != null) {
            throw new IllegalStateException("the broker is running already");
        }
        broker = KafkaBrokerProcess.restart(files, workDir.resolve("kafka"), workDir.resolve("logs"), brokerOptions,
                startTimeout);
    }

    /**
     * Stops the registry gracefully and waits until it has exited; {@link #startRegistry()} brings it back.
     * Does nothing when it is stopped already.
     */
    public synchronized void stopRegistry() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    /**
     * Starts the registry stopped by {@link #stopRegistry()} again on the same ports and H2 file: the schemas
     * registered before keep their ids. Returns once it reports ready.
     *
     * @throws IllegalStateException when it does not start (with its log's tail), or is running already
     */
    public synchronized void startRegistry() {
        if (registry != null) {
            throw new IllegalStateException("the registry is running already");
        }
        registry = RegistryProcess.start(files, workDir.resolve("registry"),
                workDir.resolve("logs").resolve("registry.log"), registryPort, registryManagementPort, security,
                startTimeout);
    }

    /**
     * @return a client config holding {@code bootstrap.servers} and, on a secured stack, the super user's
     *         credentials, for callers to extend
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(
                security.map(s -> s.clientProperties(StackSecurity.ADMIN)).orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Map.copyOf(config);
    }

    /** Grants these ACLs (as the super user of a secured stack). */
    public void createAcls(Collection<AclBinding> acls) {
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createAcls(acls).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create ACLs: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        }
    }

    /** Creates a topic of {@code partitions} partitions with default settings, unless it exists. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /**
     * Creates topics; a topic that exists already is left as it is.
     *
     * @param topics the topics, with replication factor 1 (one broker)
     *
     * @throws IllegalStateException when the broker refuses
     */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(clientConfig())) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Stops the registry and the broker in parallel, and waits for both (and their descendants) to exit. */
    @Override
    public void close() {
        Thread stopRegistry = new Thread(this::stopRegistry, "registry-stop");
        stopRegistry.start();
        ChildProcess runningBroker = broker;
        if (runningBroker != null) {
            runningBroker.close(); // not under the lock: the registry's stop holds it meanwhile
        }
        broker = null;
        try {
            stopRegistry.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRegistry(); // finish the stop here rather than leave a registry running
        }
    }
}
