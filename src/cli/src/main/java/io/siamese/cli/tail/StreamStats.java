package io.siamese.cli.tail;

import io.siamese.cli.publish.PairRecords;
import io.siamese.encoder.eval.RunningAccuracy;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Decision;
import io.siamese.schemas.PairDissimilarity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Running figures of a stream of results and dead letters: counts, accuracy overall and per model version
 * (a decision SAME is correct for label 0, DIFFERENT for label 1), end-to-end latency from the pair's eventTime
 * to its receipt here, and throughput. Thread-safe: the tail thread records while a display thread reads.
 */
public final class StreamStats {

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final AtomicLong lastNanos;
    private final LongAdder results = new LongAdder();
    private final LongAdder deadLetters = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final RunningAccuracy accuracy = new RunningAccuracy();
    private final Map<String, RunningAccuracy> byVersion = new LinkedHashMap<>();
    private final Map<String, LongAdder> deadLettersByKind = new ConcurrentHashMap<>();
    private final LatencyRecorder latency = new LatencyRecorder();

    /** Starts the clock now. */
    public StreamStats() {
        this(System::nanoTime);
    }

    /** @param nanoClock monotonic clock, e.g. {@link System#nanoTime()}; throughput is measured with it */
    public StreamStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastNanos = new AtomicLong(startNanos);
    }

    /**
     * Records a result.
     *
     * @param result     the result
     * @param receivedAt when it was received, epoch milliseconds (latency is measured against its eventTime)
     * @return whether its decision was correct, empty when its true label is unknown
     */
    public Optional<Boolean> recordResult(PairDissimilarity result, long receivedAt) {
        results.increment();
        latency.record(receivedAt - result.getEventTime());
        touch();
        RunningAccuracy version;
        synchronized (byVersion) {
            // Every version is listed, also one whose results carry no label (its accuracy stays NaN).
            version = byVersion.computeIfAbsent(result.getModelVersion(), unused -> new RunningAccuracy());
        }
        Optional<Integer> label = trueLabel(result);
        if (label.isEmpty()) {
            return Optional.empty();
        }
        boolean correct = (result.getDecision() == Decision.SAME) == (label.get() == 0);
        accuracy.record(correct);
        version.record(correct);
        return Optional.of(correct);
    }

    /** Records a dead letter. */
    public void recordDeadLetter(DeadLetter deadLetter) {
        deadLetters.increment();
        deadLettersByKind.computeIfAbsent(deadLetter.getErrorKind(), unused -> new LongAdder()).increment();
        touch();
    }

    /** Records a record that could not be read at all. */
    public void recordUnreadable() {
        unreadable.increment();
    }

    /**
     * The ground truth of a result: its {@code label} field, else its metadata "label" ("0" or "1").
     *
     * @return 0 (same) or 1 (different), empty when unknown or malformed
     */
    public static Optional<Integer> trueLabel(PairDissimilarity result) {
        if (result.getLabel() != null) {
            return Optional.of(result.getLabel()).filter(l -> l == 0 || l == 1);
        }
        String text = result.getMetadata() == null ? null : result.getMetadata().get(PairRecords.LABEL);
        if ("0".equals(text) || "1".equals(text)) {
            return Optional.of(Integer.parseInt(text));
        }
        return Optional.empty();
    }

    /** @return the running accuracy over all labelled results (NaN before the first) */
    public double accuracy() {
        return accuracy.accuracy();
    }

    /** @return results plus dead letters recorded so far */
    public long handled() {
        return results.sum() + deadLetters.sum();
    }

    /** @return a consistent-enough copy of every figure for display */
    public StreamSnapshot snapshot() {
        Map<String, Double> versions = new LinkedHashMap<>();
        synchronized (byVersion) {
            byVersion.forEach((version, acc) -> versions.put(version, acc.accuracy()));
        }
        Map<String, Long> kinds = new LinkedHashMap<>();
        deadLettersByKind.forEach((kind, count) -> kinds.put(kind, count.sum()));
        double seconds = (lastNanos.get() - startNanos) / 1e9;
        long handled = handled();
        return new StreamSnapshot(results.sum(), deadLetters.sum(), unreadable.sum(), accuracy.accuracy(),
                accuracy.total(), versions, kinds, latency.snapshot(), seconds > 0 ? handled / seconds : 0, seconds);
    }

    private void touch() {
        lastNanos.accumulateAndGet(nanoClock.getAsLong(), Math::max);
    }
}
