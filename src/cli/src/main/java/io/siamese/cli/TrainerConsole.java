package io.siamese.cli;

import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.trainer.continuous.TrainerListener;
import io.siamese.trainer.continuous.TrainerState;
import io.siamese.trainer.train.PairTrainingResult;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trainer's console: one time-stamped line per event on stdout (pairs seen at most every few seconds,
 * each round, evaluation, promotion or refusal with its reason) and a progress bar with the loss on a
 * terminal's stderr while a round trains.
 */
final class TrainerConsole implements TrainerListener, AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long INGEST_LINE_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean json;
    private TerminalProgress bar;
    private long lastIngestLine = System.nanoTime() - INGEST_LINE_NANOS;
    private double stepLoss = Double.NaN;

    TrainerConsole(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    private synchronized void line(String format, Object... args) {
        closeBar();
        out.println(LocalTime.now().format(TIME) + " " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    @Override
    public void started(String description) {
        line("trainer: %s", description);
    }

    @Override
    public void ingested(TrainerState s, int trainingPairs, int holdoutPairs) {
        if (System.nanoTime() - lastIngestLine >= INGEST_LINE_NANOS) {
            lastIngestLine = System.nanoTime();
            line("pairs: %d seen, %d skipped; store %d training + %d holdout; %d new labels since the last round",
                    s.pairsSeen(), s.pairsSkipped(), trainingPairs, holdoutPairs, s.newLabels());
        }
    }

    @Override
    public void pairSkipped(String pairId, String reason) {
        line("skipped pair %s: %s", pairId, reason);
    }

    @Override
    public void roundStarted(long round, String reason, String baseVersion, int train, int validation, int holdout) {
        line("round %d: %s; fine-tuning %s on %d pairs (%d validation, %d holdout)", round, reason, baseVersion,
                train, validation, holdout);
    }

    @Override
    public synchronized void onEpochStart(int epoch, int epochs, int steps) {
        closeBar();
        bar = TerminalProgress.forTerminal("epoch " + epoch + "/" + epochs, steps, "steps", json);
    }

    @Override
    public synchronized void onStep(int epoch, int step, int examples, double loss) {
        stepLoss = loss;
        if (bar != null) {
            bar.setExtra(String.format(Locale.ROOT, "loss %.4f", loss));
            bar.step(1);
        }
    }

    @Override
    public void roundTrained(PairTrainingResult r) {
        line("trained: %d steps, %d pairs, loss %.4f -> %.4f (last step %.4f) in %.1f s", r.steps(), r.examples(),
                r.firstLoss(), r.lastLoss(), stepLoss, r.seconds());
    }

    @Override
    public void evaluated(VerificationMetrics serving, VerificationMetrics candidate) {
        line("holdout (%d pairs): candidate accuracy %.4f AUC %.4f EER %.4f | serving accuracy %.4f AUC %.4f"
                        + " EER %.4f", candidate.pairs(), candidate.accuracy(), candidate.auc(), candidate.eer(),
                serving.accuracy(), serving.auc(), serving.eer());
    }

    @Override
    public void promoted(String version, String parentVersion, String location, String why) {
        line("PROMOTED %s (parent %s) -> %s: %s", version, parentVersion, location, why);
    }

    @Override
    public void rejected(String why) {
        line("not promoted: %s", why);
    }

    @Override
    public void roundSkipped(String why) {
        line("round skipped: %s", why);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}
