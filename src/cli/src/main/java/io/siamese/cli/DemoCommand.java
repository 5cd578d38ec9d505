package io.siamese.cli;

import io.siamese.cli.demo.DemoOptions;
import io.siamese.cli.demo.DemoRun;
import io.siamese.cli.demo.DemoSummary;
import io.siamese.localstack.StackFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code siamese demo}: the whole pipeline on this machine, with a live view and a summary. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start a local Kafka broker and schema registry, the streaming service with a model, publish pairs and"
                + " watch results and dead letters come back: throughput, latency (eventTime to receipt), accuracy.",
            "Stops on Ctrl-C or when every pair came back; always stops the service, broker and registry.",
            "--retrain adds continuous training: the demo starts from a weak model (--weak-steps of training), runs"
                + " the trainer (./siamese trainer) as a child process, and publishes labelled pairs (training split)"
                + " beside the scoring pairs (test split); promoted versions replace the served model live."
                + " Without --pairs/--rate it then publishes 12000 pairs at 40 pairs/s (5 minutes)."
        })
public final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--pairs", defaultValue = "2000",
            description = "Pairs to publish; 0 publishes until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    long pairs;

    @Option(names = "--rate", defaultValue = "100",
            description = "Pairs per second; 0 as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--corrupt", defaultValue = "0", paramLabel = "F",
            description = "Share of deliberately broken pairs (they go to the dead-letter topic), 0..1."
                    + " Default: ${DEFAULT-VALUE}.")
    double corrupt;

    @Option(names = "--data", defaultValue = "fashion-mnist",
            description = "fashion-mnist (test split) or a folder of class folders. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--model",
            description = "Checkpoint directory for the service. Default: the shipped models/default.")
    Path model;

    @Option(names = "--batch-size",
            description = "The service's largest micro-batch. Default: the service's (siamese.batch.max-size).")
    Integer batchSize;

    @Option(names = "--linger-ms",
            description = "The service's longest wait for a batch to fill. Default: the service's"
                    + " (siamese.batch.max-linger).")
    Long lingerMs;

    @Option(names = "--warmup-pairs", defaultValue = "2000", paramLabel = "N",
            description = {"Pairs published first, at --rate, so that the figures show the service in steady state;",
                "their latency is printed apart as the cold start (0: measure from the first pair; --retrain: 0 unless given)."
                        + " Default: ${DEFAULT-VALUE}."})
    long warmupPairs;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--idle-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "After publishing, give up when nothing arrives for this long. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutSeconds;

    @Option(names = "--work-dir", description = "Where data and logs go. Default: work/demo-<timestamp>.")
    Path workDir;

    @Option(names = "--json", description = "Print one JSON object with the results as the last line of stdout.")
    boolean json;

    @Option(names = "--retrain", description = "Add the continuous trainer, starting from a weak model.")
    boolean retrain;

    @Option(names = "--retrain-every", paramLabel = "N", defaultValue = "1000",
            description = "With --retrain: new labels per retraining round. Default: ${DEFAULT-VALUE}.")
    long retrainEvery;

    @Option(names = "--retrain-epochs", defaultValue = "3",
            description = "With --retrain: passes over the stored pairs per round. Default: ${DEFAULT-VALUE}.")
    int retrainEpochs;

    @Option(names = "--retrain-max-steps", defaultValue = "100",
            description = "With --retrain: most optimiser steps per round. Default: ${DEFAULT-VALUE}.")
    int retrainMaxSteps;

    @Option(names = "--weak-steps", defaultValue = "20",
            description = "With --retrain: training steps (batches of 64) of the weak starting model."
                    + " Default: ${DEFAULT-VALUE}.")
    int weakSteps;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = workDir != null ? workDir
                : StackFiles.home().resolve("work").resolve("demo-" + LocalDateTime.now().format(STAMP));
        DemoOptions options = new DemoOptions(retrainDefault("--pairs", pairs, 12_000),
                retrainDefault("--rate", rate, 40), corrupt, data,
                model != null ? model : CommonOptions.defaultModel(), batchSize, lingerMs == null ? null : Duration.ofMillis(lingerMs), seed,
                Duration.ofSeconds(idleTimeoutSeconds), dir, retrain ? new DemoOptions.Retrain(retrainEvery,
                        retrainEpochs, retrainMaxSteps, weakSteps, 28) : null, retrainDefault("--warmup-pairs", warmupPairs, 0));
        DemoSummary summary;
        boolean signalled;
        try (DemoLiveView view = new DemoLiveView(options.pairs(), json)) {
            DemoRun run = new DemoRun(options, view);
            // Stopping the service, broker and registry takes a while: the hook waits up to a minute for it.
            try (StopOnSignal signal = new StopOnSignal("demo", run::stop, Duration.ofSeconds(60))) {
                summary = run.run();
                view.close();
                System.out.println(summary.toText());
                if (json) {
                    JsonResult.print(System.out, summary.toJson());
                }
                signalled = signal.signalled();
            }
        }
        if (signalled || summary.outcome() == DemoSummary.Outcome.INTERRUPTED) {
            return 130;
        }
        return summary.outcome() == DemoSummary.Outcome.COMPLETE ? 0 : 1;
    }

    /** With --retrain, a longer run unless the user chose: the trainer needs labels and rounds take a while. */
    private long retrainDefault(String option, long value, long retrainValue) {
        return retrain && !spec.commandLine().getParseResult().hasMatchedOption(option) ? retrainValue : value;
    }

    private double retrainDefault(String option, double value, double retrainValue) {
        return retrain && !spec.commandLine().getParseResult().hasMatchedOption(option) ? retrainValue : value;
    }
}
