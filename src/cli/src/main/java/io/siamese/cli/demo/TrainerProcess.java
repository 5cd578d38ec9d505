package io.siamese.cli.demo;

import io.siamese.localstack.ChildProcess;
import io.siamese.localstack.DjlProcessEnvironment;
import io.siamese.localstack.JavaRuntimes;
import io.siamese.localstack.StackFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The continuous trainer ({@code siamese trainer}) as a child process of the demo, as it would be deployed:
 * its own JVM, talking to the pipeline only through Kafka, the registry and the checkpoint store. Output goes
 * to {@code logs/trainer.log}. {@link #close()} stops it gracefully (SIGTERM: it finishes the current step and
 * saves its state); a shutdown hook stops it if the demo's JVM exits first.
 */
final class TrainerProcess implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);

    private final ChildProcess process;

    private TrainerProcess(ChildProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code siamese trainer ARGS} with this JVM's class path and waits until it consumes.
     *
     * @param arguments the trainer's options
     * @param workDir the demo's work directory (log in {@code logs/trainer.log})
     * @throws IllegalStateException when it exits or does not start consuming in time (with its log's tail)
     */
    static TrainerProcess start(List<String> arguments, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(JavaRuntimes.current().toString());
        command.add("-Dai.djl.offline=true");
        command.add("-Djava.awt.headless=true");
        command.add("-Dsiamese.home=" + StackFiles.home());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        // As the launcher: no GPU here is normal, not a warning worth a log line.
        command.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error");
        command.add("-cp");
        command.add(classPath());
        command.add("io.siamese.cli.SiameseCli");
        command.add("trainer");
        command.addAll(arguments);
        Path log = workDir.resolve("logs").resolve("trainer.log").toAbsolutePath();
        ChildProcess child = ChildProcess.start("trainer", command, workDir, DjlProcessEnvironment.get(), log, STOP);
        try {
            child.awaitLogLine("trainer: consuming", READY);
            return new TrainerProcess(child);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** This JVM's class path: the launcher's {@code src/cli/target/classes:src/cli/target/lib/*}. */
    private static String classPath() {
        // Under surefire java.class.path is a manifest-only jar; the real entries are in this property.
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** @return whether the trainer is still running */
    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the trainer's log */
    Path log() {
        return process.log();
    }

    /** @return the last lines of its log */
    String logTail(int lines) {
        return process.logTail(lines);
    }

    /** Stops the trainer gracefully (SIGTERM; SIGKILL after a minute), descendants too. */
    @Override
    public void close() {
        process.close();
    }
}
