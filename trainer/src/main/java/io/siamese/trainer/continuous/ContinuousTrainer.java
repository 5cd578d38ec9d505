package io.siamese.trainer.continuous;

import io.siamese.encoder.checkpoint.CheckpointStore;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.trainer.train.PairTraining;
import io.siamese.trainer.train.PairTrainingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The continuous trainer: consumes {@code labelled-pairs}, keeps them in the pair stores (committing offsets
 * only once they are on disk), and runs a {@link TrainingRound} whenever the {@link RetrainTrigger} says so.
 * Everything it needs to resume lives in the work directory: {@code pairs/} (training and validation slices),
 * {@code holdout/}, {@code state.json}; the consumer group holds the offsets. A crash at any point therefore
 * loses nothing: pairs stored but not committed are re-delivered and recognised as duplicates, and a round cut
 * short runs again because the trigger's progress is saved only when a round ends.
 *
 * <p>Single-threaded by design: rounds run between polls (the consumer allows an hour between them), so the
 * stores never change under a round. {@link #stop()} may be called from any thread.
 */
public final class ContinuousTrainer implements AutoCloseable {

    /** Consecutive full polls (a backlog) after which a due round runs anyway. */
    private static final int MAX_FULL_POLLS = 40;

    private final ContinuousOptions options;
    private final TrainerListener listener;
    private final CandidateTrainer candidates;
    private final CheckpointStore store;
    private final PairStore training;
    private final PairStore holdout;
    private final Path stateFile;
    private final TrainerMetrics metrics;
    private final RetrainTrigger trigger;
    private volatile TrainerState state;
    private volatile Path servingDir;
    private volatile boolean stopped;
    private volatile LabelledPairSource source;

    /** A trainer that fine-tunes with {@link PairTraining} and the wall clock. */
    public ContinuousTrainer(ContinuousOptions options, TrainerListener listener) {
        this(options, listener, null, System::currentTimeMillis);
    }

    /**
     * Opens the stores and state and starts serving metrics; {@link #run()} starts consuming.
     *
     * @param options settings
     * @param listener events
     * @param candidates how candidates are trained; null for fine-tuning with the options' settings
     * @param clock wall clock, epoch milliseconds (the trigger's time rule uses it)
     */
    public ContinuousTrainer(ContinuousOptions options, TrainerListener listener, CandidateTrainer candidates,
            LongSupplier clock) {
        this.options = options;
        this.listener = listener;
        this.store = new DirectoryCheckpointStore(options.store());
        this.training = PairStore.open(options.workDir().resolve("pairs"), options.storeCapacity());
        this.holdout = PairStore.open(options.workDir().resolve("holdout"), options.holdoutCapacity());
        this.stateFile = options.workDir().resolve("state.json");
        TrainerState loaded = TrainerState.load(stateFile, clock.getAsLong());
        this.servingDir = ServingModels.resolve(store, loaded.servingVersion(), options.initialModel());
        Manifest serving = Checkpoints.readManifest(servingDir);
        this.state = loaded.withServing(serving.version());
        this.candidates = candidates != null ? candidates : fineTuning(options, serving);
        this.trigger = new RetrainTrigger(options.retrainEvery(), options.retrainInterval(), clock,
                state.newLabels(), state.lastRoundAtMillis());
        this.metrics = new TrainerMetrics(options.metricsHost(), options.metricsPort(), () -> state);
        updateStoreGauges();
    }

    private static CandidateTrainer fineTuning(ContinuousOptions o, Manifest serving) {
        float margin = serving.loss().equals(o.loss().id()) ? (float) serving.margin() : o.loss().defaultMargin();
        return CandidateTrainer.fineTuning(new PairTraining(o.device()), new PairTrainingConfig(o.loss(),
                io.siamese.encoder.Distance.parse(serving.distance()), margin, o.epochs(), o.batchSize(),
                o.learningRate(), o.seed(), o.maxSteps()));
    }

    /**
     * Consumes and trains until {@link #stop()}.
     *
     * @throws RuntimeException when Kafka, the registry or the disk fail; the work directory stays consistent
     */
    public void run() {
        PairDecoding decoding = new PairDecoding(Checkpoints.specOf(Checkpoints.readManifest(servingDir)).preprocessing());
        Ingest ingest = new Ingest(options.split(), decoding, training, holdout, listener);
        try (LabelledPairSource consumer = new LabelledPairSource(options.endpoints(), options.groupId());
             CheckpointAnnouncer announcer = new CheckpointAnnouncer(options.endpoints(), store,
                     options.workDir().resolve("staging"));
             OperatorPin pin = new OperatorPin(options.endpoints())) {
            source = consumer;
            PinHold pinHold = new PinHold(pin, listener::roundSkipped);
            listener.started(describe());
            int fullPolls = 0;
            while (!stopped) {
                List<LabelledPairSource.Item> items;
                try {
                    items = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break; // stop() woke the poll
                }
                if (!items.isEmpty()) {
                    store(items, ingest, consumer);
                }
                // A backlog (labels that arrived during the last round) is read first, so a round trains on the
                // freshest pairs; a stream that never lets up still gets a round every MAX_FULL_POLLS polls.
                fullPolls = items.size() >= LabelledPairSource.MAX_POLL_RECORDS ? fullPolls + 1 : 0;
                if (fullPolls == 0 || fullPolls >= MAX_FULL_POLLS) {
                    Optional<String> due = trigger.due();
                    if (due.isPresent() && !pinHold.holdsRound()) {
                        round(due.get(), announcer);
                    }
                    fullPolls = 0;
                }
            }
        } finally {
            source = null;
        }
    }

    private void store(List<LabelledPairSource.Item> items, Ingest ingest, LabelledPairSource consumer) {
        Ingest.Counts c = ingest.store(items);
        consumer.commit(); // only now: every polled pair is on disk (or deliberately skipped)
        trigger.labelsArrived(c.trainingLabels());
        save(state.withIngested(c.stored(), c.skipped(), c.duplicates(), c.trainingLabels()));
        updateStoreGauges();
        listener.ingested(state, training.size(), holdout.size());
    }

    private void round(String reason, CheckpointAnnouncer announcer) {
        MeteredListener progress = new MeteredListener(listener, metrics);
        TrainingRound round = new TrainingRound(options, candidates, announcer, progress, () -> stopped);
        TrainingRound.Result result = round.run(state.rounds() + 1, reason, servingDir, training.readAll(),
                holdout.readAll());
        if (result.outcome() == TrainingRound.Outcome.STOPPED) {
            listener.roundSkipped(result.reason()); // the trigger stays due, so the restart runs the round again
            return;
        }
        trigger.roundFinished();
        TrainerState next = state.withTrigger(trigger.newLabels(), trigger.lastRoundAtMillis());
        if (result.outcome() == TrainingRound.Outcome.PROMOTED) {
            servingDir = result.servingDir();
        }
        String previousServing = state.servingVersion();
        if (result.training() != null) {
            next = next.withRound(result.outcome() == TrainingRound.Outcome.PROMOTED, result.servingVersion(),
                    result.training().lastLoss(), result.training().examples());
            metrics.set("siamese.trainer.loss", Map.of(), result.training().lastLoss());
        }
        // Save first, then tell: the counters are read from the state, so whoever hears the outcome
        // (a test, a log scraper) must already see it counted.
        save(next);
        switch (result.outcome()) {
            case SKIPPED, STOPPED -> listener.roundSkipped(result.reason());
            case REJECTED -> listener.rejected(result.reason());
            case PROMOTED -> listener.promoted(result.servingVersion(), previousServing,
                    result.servingDir().toString(), result.reason());
        }
    }

    private void save(TrainerState next) {
        state = next;
        next.save(stateFile);
    }

    private void updateStoreGauges() {
        metrics.set("siamese.trainer.pair.store.size", Map.of("slice", "train"), training.size());
        metrics.set("siamese.trainer.pair.store.size", Map.of("slice", "holdout"), holdout.size());
    }

    private String describe() {
        return String.format("consuming labelled-pairs as group %s from %s; serving model %s (%s); %d stored"
                        + " training pairs, %d holdout pairs; %d pairs seen before; metrics %s",
                options.groupId(), options.endpoints().bootstrapServers(), state.servingVersion(), servingDir,
                training.size(), holdout.size(), state.pairsSeen(),
                metrics.port() < 0 ? "off" : "http://" + options.metricsHost() + ":" + metrics.port() + "/q/metrics");
    }

    /** Ends {@link #run()} soon: after the current poll, or at the next training step (no promotion then). */
    public void stop() {
        stopped = true;
        LabelledPairSource current = source;
        if (current != null) {
            current.wakeup();
        }
    }

    /** The counters now. */
    public TrainerState state() {
        return state;
    }

    /** The serving model's checkpoint directory as the trainer sees it. */
    public Path servingDir() {
        return servingDir;
    }

    /** The metrics port, or -1 when not serving. */
    public int metricsPort() {
        return metrics.port();
    }

    /** The metrics, as Prometheus text. */
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    /** Stops serving metrics; call after {@link #run()} returned (or instead of it). */
    @Override
    public void close() {
        metrics.close();
    }
}
