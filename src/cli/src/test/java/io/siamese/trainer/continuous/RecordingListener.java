package io.siamese.trainer.continuous;

import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.trainer.train.PairTrainingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records a trainer's events as lines and lets a test wait for one, with a deadline and without sleeping. */
final class RecordingListener implements TrainerListener {

    private final List<String> events = new ArrayList<>();
    private volatile Runnable onFirstStep = () -> {};
    volatile VerificationMetrics lastServing;
    volatile VerificationMetrics lastCandidate;

    private synchronized void add(String event) {
        events.add(event);
        notifyAll();
    }

    /** @return the events so far */
    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /**
     * Waits until an event matches.
     *
     * @return the first matching event
     * @throws AssertionError when none arrives in time, listing what did
     */
    synchronized String await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching trainer event within " + timeout + "; events: " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Runs {@code action} (once) when the next training step finishes, e.g. to stop mid-training. */
    void onNextStep(Runnable action) {
        onFirstStep = action;
    }

    @Override
    public void started(String description) {
        add("started " + description);
    }

    @Override
    public void ingested(TrainerState snapshot, int trainingPairs, int holdoutPairs) {
        add("ingested seen=" + snapshot.pairsSeen() + " duplicates=" + snapshot.duplicates());
    }

    @Override
    public void pairSkipped(String pairId, String reason) {
        add("skipped " + pairId + ": " + reason);
    }

    @Override
    public void onStep(int epoch, int step, int examples, double loss) {
        Runnable action = onFirstStep;
        onFirstStep = () -> {};
        action.run();
    }

    @Override
    public void roundStarted(long round, String reason, String baseVersion, int train, int validation, int holdout) {
        add("round " + round + " base=" + baseVersion + " train=" + train + " validation=" + validation + " holdout="
                + holdout + " because " + reason);
    }

    @Override
    public void roundTrained(PairTrainingResult result) {
        add("trained " + result);
    }

    @Override
    public void evaluated(VerificationMetrics serving, VerificationMetrics candidate) {
        lastServing = serving;
        lastCandidate = candidate;
        add("evaluated serving=" + serving.accuracy() + " candidate=" + candidate.accuracy());
    }

    @Override
    public void promoted(String version, String parentVersion, String location, String why) {
        add("promoted " + version + " parent=" + parentVersion + " " + why);
    }

    @Override
    public void rejected(String why) {
        add("rejected " + why);
    }

    @Override
    public void roundSkipped(String why) {
        add("skipped-round " + why);
    }
}
