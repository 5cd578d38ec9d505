package io.siamese.cli.demo;

import io.siamese.cli.publish.PairImages;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.data.Datasets;
import io.siamese.encoder.data.Split;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.localstack.FreePorts;
import io.siamese.schemas.ClientConfigFile;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.trainer.continuous.CheckpointAnnouncer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code demo --retrain} adds to the demo: a weak first model in a checkpoint store ({@code
 * WORK/checkpoints}) that the service follows, the continuous trainer as a child process, labelled pairs from
 * the dataset's training split (scoring pairs come from its test split, so the running accuracy is measured on
 * images the trainer never sees), and a watch on the checkpoint topic that reports each promotion.
 */
final class RetrainSetup {

    private final DemoOptions options;
    private final DemoListener listener;
    private final Path store;
    /** Chosen up front so the service's live page can be pointed at the trainer's metrics before it starts. */
    private final int metricsPort = FreePorts.next();
    private final List<Map<String, Object>> versions = new ArrayList<>();
    private WeakModel.Stored weak;

    RetrainSetup(DemoOptions options, DemoListener listener) {
        this.options = options;
        this.listener = listener;
        this.store = options.workDir().resolve("checkpoints").toAbsolutePath();
    }

    /** Trains the weak model and puts it in the store; returns the directory the service starts with. */
    Path prepare() {
        listener.stage("training a weak starting model: " + options.retrain().weakSteps() + " steps (compact, input "
                + options.retrain().inputSize() + ") on " + options.data() + " ...");
        weak = WeakModel.create(options.data(), options.retrain(), options.seed(), options.workDir(),
                new DirectoryCheckpointStore(store));
        listener.stage(String.format(Locale.ROOT, "weak model %s: validation accuracy %.4f after %.0f s; stored in %s",
                weak.manifest().version(), weak.manifest().metrics().get("validation_accuracy"), weak.seconds(),
                store));
        return weak.location();
    }

    /** The service's extra properties: follow the checkpoint topic, load from the store, chart the loss. */
    Map<String, String> serviceProperties() {
        return Map.of("siamese.checkpoints.store", store.toString(),
                "siamese.live.trainer-metrics-url", metricsUrl());
    }

    private String metricsUrl() {
        return "http://127.0.0.1:" + metricsPort + "/q/metrics";
    }

    /** Labelled pairs come from the training split, at the dataset's own size (like the scoring pairs). */
    PairImages labelledImages() {
        return new PairImages(Datasets.open(options.data(), Split.TRAIN, new Preprocessing(28, 28, false)));
    }

    /**
     * Announces the weak model, starts watching the checkpoint topic and starts the trainer.
     *
     * @return the running parts; closing stops them
     */
    Running start(Endpoints endpoints) {
        try (CheckpointAnnouncer announcer = new CheckpointAnnouncer(endpoints, new DirectoryCheckpointStore(store),
                options.workDir().resolve("staging"))) {
            announcer.announce(weak.manifest().version());
        }
        CheckpointWatch watch = new CheckpointWatch(endpoints, this::announced);
        listener.stage("starting the continuous trainer (log: " + options.workDir().resolve("logs/trainer.log")
                + ", metrics: " + metricsUrl() + ")");
        try {
            TrainerProcess trainer = TrainerProcess.start(arguments(endpoints), options.workDir());
            return new Running(trainer, watch);
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    private List<String> arguments(Endpoints endpoints) {
        DemoOptions.Retrain r = options.retrain();
        // Larger holdout and validation slices than the trainer's defaults: the demo's rounds come early, when
        // few labels have arrived, and a threshold calibrated on a few dozen pairs is mostly noise.
        // Exactly the demo's client settings: a SIAMESE_CLIENT_CONFIG exported for another cluster must not apply.
        Path client = ClientConfigFile.write(options.workDir().resolve("trainer-client.properties"),
                endpoints.clientProperties());
        return List.of("--bootstrap-servers", endpoints.bootstrapServers(), "--registry-url", endpoints.registryUrl(),
                "--client-config", client.toString(), "--store", store.toString(), "--work-dir", options.workDir().resolve("trainer").toString(),
                "--model", weak.location().toString(), "--retrain-every", Long.toString(r.every()),
                "--retrain-minutes", "2", "--epochs", Integer.toString(r.epochs()),
                "--max-steps", Integer.toString(r.maxSteps()), "--lr", "0.001", "--holdout-fraction", "0.15",
                "--validation-fraction", "0.15", "--min-holdout", "60",
                "--metrics-port", Integer.toString(metricsPort), "--seed", Long.toString(options.seed()));
    }

    private void announced(ModelCheckpoint c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", c.getVersion());
        v.put("parent", c.getParentVersion());
        v.put("holdout_accuracy", c.getMetrics().get("holdout_accuracy"));
        v.put("serving_holdout_accuracy", c.getMetrics().get("serving_holdout_accuracy"));
        v.put("announced_at", c.getCreatedAt().toString());
        synchronized (versions) {
            versions.add(v);
        }
        if (c.getParentVersion() != null) {
            listener.event(String.format(Locale.ROOT, "trainer promoted %s (parent %s): holdout accuracy %.4f vs %.4f;"
                            + " the service swaps it in between two batches", c.getVersion(), c.getParentVersion(),
                    c.getMetrics().getOrDefault("holdout_accuracy", Double.NaN),
                    c.getMetrics().getOrDefault("serving_holdout_accuracy", Double.NaN)));
        }
    }

    /** @return every announcement seen so far, oldest first */
    List<Map<String, Object>> versions() {
        synchronized (versions) {
            return List.copyOf(versions);
        }
    }

    /**
     * The trainer and the topic watch; closing stops the trainer first, then the watch.
     *
     * @param trainer the trainer process
     * @param watch the checkpoint-topic watch
     */
    record Running(TrainerProcess trainer, CheckpointWatch watch) implements AutoCloseable {
        @Override
        public void close() {
            try {
                trainer.close();
            } finally {
                watch.close();
            }
        }
    }
}
