package io.siamese.localstack;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One child process of the local stack (broker, registry, service) with its output in a log file.
 *
 * <p>Stopping is graceful first (SIGTERM, so the broker and Quarkus run their shutdown hooks), then forced
 * after a timeout, and always covers descendants: a launcher script or a forked JVM must not outlive us.
 * A JVM shutdown hook ({@link ChildProcesses}) does the same when this JVM exits without {@link #close()}
 * (Ctrl-C, System.exit), newest child first, so no process is ever left behind.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration stopTimeout;
    private boolean stopped;

    private ChildProcess(String name, Process process, Path log, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopTimeout = stopTimeout;
        ChildProcesses.register(this);
    }

    /**
     * Starts {@code command} in {@code directory}, stdout and stderr appended to {@code log}.
     *
     * @param name        short name for messages and thread names, e.g. "kafka"
     * @param command     program and arguments
     * @param directory   working directory
     * @param environment variables added to this JVM's environment
     * @param log         the log file (created with its parent folders)
     * @param stopTimeout how long {@link #close()} waits after SIGTERM before killing
     * @return the running process
     * @throws UncheckedIOException when the program cannot be started
     */
    public static ChildProcess start(String name, List<String> command, Path directory, Map<String, String> environment,
                                     Path log, Duration stopTimeout) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.detachedFromTerminal(command))
                    .directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            return new ChildProcess(name, builder.start(), log, stopTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    /** @return the short name given at start */
    public String name() {
        return name;
    }

    /** @return the operating-system process of the child */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** @return whether the child is still running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the log file */
    public Path log() {
        return log;
    }

    /**
     * Waits until a line containing {@code marker} appears in the log.
     *
     * @throws IllegalStateException when the process exits first or the timeout passes, with the log's tail
     */
    public void awaitLogLine(String marker, Duration timeout) {
        awaitLogLine(marker, 0, timeout);
    }

    /**
     * Waits until a line containing {@code marker} appears in the log after its first {@code from} bytes (a
     * restarted process appends to the log of its earlier run, whose lines must not count).
     *
     * @throws IllegalStateException when the process exits first or the timeout passes, with the log's tail
     */
    public void awaitLogLine(String marker, long from, Duration timeout) {
        LogFollower follower = new LogFollower(log, from);
        awaitCondition(() -> follower.contains(marker), timeout, "log line \"" + marker + "\"");
    }

    /**
     * Waits until {@code GET url} answers 200.
     *
     * @throws IllegalStateException when the process exits first or the timeout passes, with the log's tail
     */
    public void awaitHttpOk(String url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        awaitCondition(() -> {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListeningYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }, timeout, "HTTP 200 from " + url);
    }

    /**
     * Waits for the child to exit on its own, e.g. a one-shot tool.
     *
     * @return the exit code
     * @throws IllegalStateException when it is still running after {@code timeout} (it is then killed)
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s; last"
                        + " lines of " + log + ":\n" + logTail(40));
            }
            close(); // nothing to stop any more, but it leaves the shutdown hook's list
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private void awaitCondition(BooleanSupplier ready, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s (waited"
                        + " for " + what + "); last lines of " + log + ":\n" + logTail(40));
            }
            try {
                // Waiting on the process, not sleeping: a crash ends the wait at once.
                if (process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it"
                            + " was ready; last lines of " + log + ":\n" + logTail(40));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /** @return the last {@code lines} lines of the log, or a note when it cannot be read */
    public String logTail(int lines) {
        return LogFollower.tail(log, lines);
    }

    /** Kills the child and its descendants at once (SIGKILL), as a crash would; for failure tests. */
    public void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        Processes.awaitExit(process.toHandle(), Duration.ofSeconds(10));
        close();
    }

    /** Stops the child gracefully (SIGTERM, then SIGKILL after the stop timeout), descendants too. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            Processes.terminate(process.toHandle(), stopTimeout);
        }
        ChildProcesses.unregister(this);
    }
}
