package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus' own {@code promtool}, run as a test step: {@code check config}, {@code check rules} and
 * {@code test rules} judge the Prometheus config and alert rules the way Prometheus itself loads them, which no
 * YAML check of ours can. promtool comes from Debian's package {@code prometheus} ({@code ./siamese test}
 * installs it); without it the calling test fails, naming that package, rather than skips, so that a missing tool
 * cannot pass for passing rules.
 */
final class Promtool {

    /** How long one promtool command may run before the test fails. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Promtool() {}

    /**
     * Runs promtool with these arguments in the repository root and returns its output (stdout and stderr); fails
     * with that output unless it exits 0 within {@link #TIMEOUT}, and fails naming the Debian package when promtool
     * is not installed.
     */
    static String run(String... args) {
        Path promtool = onPath("promtool").orElseGet(() -> fail("promtool is not on the PATH (" + System.getenv("PATH")
                + "): install Debian's package prometheus (apt-get install prometheus; ./siamese test installs it)"));
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("promtool", ".log");
            try {
                Process p = new ProcessBuilder(command).directory(DeployTree.root().toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", command) + " ran past " + TIMEOUT + ":\n" + Files.readString(log));
                }
                String out = Files.readString(log, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first executable called {@code program} in a directory of the PATH, if any. */
    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst();
    }
}
