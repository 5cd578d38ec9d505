package io.siamese.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry (with its Confluent-compatible API) running as a child process on free ports of
 * 127.0.0.1, with in-memory storage and the global compatibility rule BACKWARD, as production sets it.
 *
 * <p>The distribution comes from Maven ({@code io.apicurio:apicurio-registry-app:<apicurio.version>:tar.gz:all},
 * unpacked by the build into {@code target/apicurio}; system property {@code apicurio.home} points elsewhere,
 * {@code apicurio.java.home} picks the Java 21+ runtime it needs). {@link #shared()} starts
 * one registry per JVM, closed by a shutdown hook; tests isolate themselves by using their own subjects.
 */
public final class ApicurioRegistryServer implements AutoCloseable {

    private static ApicurioRegistryServer shared;

    private final Process process;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private final Thread shutdownHook;

    private ApicurioRegistryServer(Process process, int httpPort, int managementPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
        // Even when a test fails or the JVM is asked to exit, no registry process may outlive the build.
        this.shutdownHook = new Thread(this::stop, "apicurio-registry-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @return the registry shared by all tests of this JVM, started on first use */
    public static synchronized ApicurioRegistryServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /**
     * Starts a new registry and waits until it is ready.
     *
     * @throws IllegalStateException when it cannot start, with the tail of its log
     */
    public static ApicurioRegistryServer start() {
        ApicurioLauncher launcher = ApicurioLauncher.fromEnvironment();
        int http = FreePorts.next();
        int management = FreePorts.next();
        Path log = launcher.logFile(http);
        Process process = launcher.launch(http, management, log);
        ApicurioRegistryServer server = new ApicurioRegistryServer(process, http, management, log);
        try {
            server.awaitReady(launcher.startTimeout());
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** @return the Confluent-compatible API base, e.g. {@code http://127.0.0.1:43127/apis/ccompat/v7} */
    public String confluentUrl() {
        return "http://127.0.0.1:" + httpPort + "/apis/ccompat/v7";
    }

    /** @return the HTTP root, e.g. {@code http://127.0.0.1:43127} */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** @return the file the registry's output goes to */
    public Path logFile() {
        return log;
    }

    /** @return whether the registry process is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the registry and every process it started, and waits for them to exit. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing to unregister.
        }
    }

    private void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Expected while the registry boots.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
            try {
                // Waits for the process to exit, at most a moment: a crash is noticed at once.
                if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                            + " before it was ready; last lines of " + log + ":\n" + logTail());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
        }
        throw new IllegalStateException("Apicurio Registry was not ready within " + timeout.toSeconds()
                + " s (GET :" + managementPort + "/health/ready); last lines of " + log + ":\n" + logTail());
    }

    /** @return the last 40 lines of the registry's log */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
