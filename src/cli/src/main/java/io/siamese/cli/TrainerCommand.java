package io.siamese.cli;

import io.siamese.encoder.loss.LossKind;
import io.siamese.trainer.continuous.ContinuousOptions;
import io.siamese.trainer.continuous.ContinuousTrainer;
import io.siamese.trainer.continuous.HoldoutSplit;
import io.siamese.trainer.continuous.PromotionGate;
import io.siamese.trainer.continuous.TrainerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code siamese trainer}: continuous training from labelled-pairs, promoting better models to the service. */
@Command(name = "trainer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Continuous training: consume labelled-pairs (consumer group, offsets committed once a pair is on disk),"
                + " keep a bounded, label-balanced pair store in --work-dir, set aside a fixed holdout (by pair-id"
                + " hash), and retrain after --retrain-every new labels or --retrain-minutes, whichever comes first.",
            "Each round fine-tunes the serving model (the newest checkpoint in --store, else --model), calibrates"
                + " its threshold on a validation slice of the stored pairs, and compares it with the serving model"
                + " on the holdout. It is promoted (written to --store, then announced on model-checkpoints) only"
                + " when its --gate-metric beats the serving model's by --min-improvement (absolute).",
            "Prometheus metrics on http://HOST:PORT/q/metrics (siamese_trainer_*). Restarting resumes from"
                + " the committed offsets, the stored pairs and the counters in --work-dir. Ctrl-C stops."
        })
public final class TrainerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StreamOptions stream;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "${env:SIAMESE_CHECKPOINTS_STORE}",
            description = "Checkpoint store shared with the service (-Dsiamese.checkpoints.store). Required;"
                    + " default: $SIAMESE_CHECKPOINTS_STORE.")
    Path store;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "${env:SIAMESE_TRAINER_WORK_DIR}",
            description = "Pair stores, holdout and state. Default: $SIAMESE_TRAINER_WORK_DIR, else work/trainer.")
    Path workDir;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = "${env:SIAMESE_MODEL}",
            description = "Model to start from while --store holds none. Default: $SIAMESE_MODEL, else models/default.")
    Path model;

    @Option(names = "--group", defaultValue = ContinuousOptions.DEFAULT_GROUP,
            description = "Consumer group of labelled-pairs. Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(names = "--retrain-every", paramLabel = "N", defaultValue = "500",
            description = "Retrain after N new training labels. Default: ${DEFAULT-VALUE}.")
    long retrainEvery;

    @Option(names = "--retrain-minutes", paramLabel = "T", defaultValue = "10",
            description = "Retrain after T minutes when any label is new. Default: ${DEFAULT-VALUE}.")
    double retrainMinutes;

    @Option(names = "--loss", defaultValue = "contrastive",
            description = "contrastive, or triplet (triplets formed from the pairs). Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--epochs", defaultValue = "2", description = "Passes over the stored pairs per round."
            + " Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--max-steps", defaultValue = "0",
            description = "Most optimiser steps per round; 0 = no bound. Default: ${DEFAULT-VALUE}.")
    int maxSteps;

    @Option(names = "--batch", defaultValue = "64", description = "Pairs per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "0.0005", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    float lr;

    @Option(names = "--store-size", paramLabel = "N", defaultValue = "4000",
            description = "Most training pairs kept on disk, N/2 per label (oldest evicted). Default: ${DEFAULT-VALUE}.")
    int storeSize;

    @Option(names = "--holdout-size", paramLabel = "N", defaultValue = "1000",
            description = "Most holdout pairs kept, N/2 per label. Default: ${DEFAULT-VALUE}.")
    int holdoutSize;

    @Option(names = "--holdout-fraction", defaultValue = "0.1",
            description = "Share of pairs (by id hash) never trained on, for comparing. Default: ${DEFAULT-VALUE}.")
    double holdoutFraction;

    @Option(names = "--validation-fraction", defaultValue = "0.1",
            description = "Share of pairs (by id hash) for threshold calibration. Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(names = "--min-pairs", defaultValue = "128",
            description = "Fewest training pairs a round trains on. Default: ${DEFAULT-VALUE}.")
    int minPairs;

    @Option(names = "--min-holdout", defaultValue = "20",
            description = "Fewest holdout pairs of each label a comparison needs. Default: ${DEFAULT-VALUE}.")
    int minHoldout;

    @Option(names = "--gate-metric", defaultValue = "accuracy",
            description = "accuracy (at each model's own threshold) or auc. Default: ${DEFAULT-VALUE}.")
    String gateMetric;

    @Option(names = "--min-improvement", defaultValue = "0.005",
            description = "Promote when candidate minus serving on the gate metric is at least this."
                    + " Default: ${DEFAULT-VALUE}.")
    double minImprovement;

    @Option(names = "--metrics-port", defaultValue = "${env:SIAMESE_TRAINER_METRICS_PORT:-9464}",
            description = "Prometheus port (path /q/metrics); 0 = any free port, -1 = none. Default:"
                    + " $SIAMESE_TRAINER_METRICS_PORT, else 9464.")
    int metricsPort;

    @Option(names = "--metrics-host", defaultValue = "${env:SIAMESE_TRAINER_METRICS_HOST:-127.0.0.1}",
            description = "Address the metrics endpoint binds; 0.0.0.0 in a container so Prometheus can reach it."
                    + " Default: $SIAMESE_TRAINER_METRICS_HOST, else 127.0.0.1.")
    String metricsHost;

    @Option(names = "--seed", defaultValue = "42", description = "Shuffling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ContinuousOptions options = options();
        TrainerConsole console = new TrainerConsole(System.out, common.json);
        try (ContinuousTrainer trainer = new ContinuousTrainer(options, console);
             StopOnSignal signal = new StopOnSignal("trainer", trainer::stop, Duration.ofSeconds(60))) {
            trainer.run();
            console.close();
            // Printed before the signal hook is released: the JVM halts as soon as the hook returns.
            TrainerState end = trainer.state();
            System.out.printf("trainer stopped: %d pairs seen, %d rounds, %d promotions, %d rejections; serving %s%n",
                    end.pairsSeen(), end.rounds(), end.promotions(), end.rejections(), end.servingVersion());
            if (common.json) {
                JsonResult.print(System.out, summary(end));
            }
            return signal.signalled() ? 130 : 0;
        }
    }

    private ContinuousOptions options() {
        if (store == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing required option: --store DIR (or the environment variable SIAMESE_CHECKPOINTS_STORE)");
        }
        Path work = workDir != null ? workDir : CommonOptions.home().resolve("work").resolve("trainer");
        Path initial = model != null ? model : CommonOptions.defaultModel();
        PromotionGate gate = new PromotionGate(PromotionGate.Metric.parse(gateMetric), minImprovement);
        return new ContinuousOptions(stream.endpoints(), group, store.toAbsolutePath(), work.toAbsolutePath(),
                initial.toAbsolutePath(), retrainEvery, Duration.ofMillis(Math.round(retrainMinutes * 60_000)),
                LossKind.parse(loss), epochs, batch, lr, maxSteps, storeSize, holdoutSize,
                new HoldoutSplit(holdoutFraction, validationFraction), minPairs, minHoldout, gate, metricsHost,
                metricsPort, seed, common.device());
    }

    private static Map<String, Object> summary(TrainerState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs_seen", s.pairsSeen());
        m.put("pairs_skipped", s.pairsSkipped());
        m.put("rounds", s.rounds());
        m.put("promotions", s.promotions());
        m.put("rejections", s.rejections());
        m.put("serving_version", s.servingVersion());
        m.put("last_loss", s.lastLoss());
        return m;
    }
}
