package io.siamese.service.stream;

import io.siamese.encoder.model.ForwardPasses;
import io.siamese.schemas.ImagePair;
import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.BatchScores;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches handed to the encoder, oldest first. Pipelined, the forward pass runs on one of the
 * process's inference threads while the stream thread reads, decodes and commits around it, so the
 * cores are not idle during either; at most {@code threads} batches (two by default) are in flight
 * per stream thread, which bounds memory, and results leave in arrival order. Otherwise (not
 * pipelined, or a batch the caller wants now) a batch is scored on the calling thread at once.
 *
 * <p>Only the stream thread touches this object; the inference threads only complete futures.
 */
final class InflightBatches {

    /**
     * A pair of a batch. Its tensors are not kept: once scored, only the event is needed for the result.
     *
     * @param owner the stream task it came from, which alone may forward its result
     * @param sequence its key in that task's buffer store: deleted only when its result is forwarded
     * @param record the pair as received
     * @param pair the event
     */
    record Member(TaskOutbox owner, long sequence, BufferedRecord record, ImagePair pair) {}

    /**
     * A batch submitted for scoring.
     *
     * @param members its pairs, in arrival order, from any of the stream thread's tasks
     * @param startedMillis when the batch was handed over (the end of each pair's queueing)
     * @param full whether it was flushed full (input ahead of the encoder) rather than by the linger
     * @param scores the forward pass
     */
    record Batch(List<Member> members, long startedMillis, boolean full, CompletableFuture<BatchScores> scores) {

        /** Why the forward pass failed, or null once it has succeeded; call only when it is done. */
        Throwable failure() {
            try {
                scores.join();
                return null;
            } catch (CompletionException | CancellationException e) {
                return e.getCause() != null ? e.getCause() : e;
            }
        }
    }

    /**
     * The inference threads of the whole process, by pool size (a service has one size; tests may
     * use several): one shared encoder, and long-lived threads that keep their DJL predictors for the
     * life of a model.
     */
    private static final Map<Integer, ExecutorService> INFERENCE = new HashMap<>();

    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final BatchEncoder encoder;
    private final boolean pipelined;
    private final int maxInFlight;
    private final ExecutorService executor;
    private final StreamMetrics metrics;

    /**
     * @param threads forward passes at once (and batches in flight) when pipelined
     * @param metrics told the CPU time of each forward pass
     */
    InflightBatches(BatchEncoder encoder, boolean pipelined, int threads, StreamMetrics metrics) {
        this.encoder = encoder;
        this.metrics = metrics;
        this.pipelined = pipelined;
        this.maxInFlight = ForwardPasses.concurrentPasses(pipelined, threads);
        this.executor = pipelined ? inference(threads) : null;
    }

    private static synchronized ExecutorService inference(int threads) {
        return INFERENCE.computeIfAbsent(threads, size -> {
            AtomicInteger n = new AtomicInteger();
            return Executors.newFixedThreadPool(size, r -> {
                Thread t = new Thread(r, "siamese-inference-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        });
    }

    private BatchScores score(float[][] left, float[][] right) {
        long cpu = CpuStage.threadCpuNanos();
        BatchScores scores = encoder.score(left, right);
        metrics.stageCpu(CpuStage.FORWARD, CpuStage.threadCpuNanos() - cpu);
        return scores;
    }

    /** Whether another batch may be submitted without waiting for one in flight. */
    boolean hasRoom() {
        return queue.size() < maxInFlight;
    }

    /** Whether {@link #submit} hands a batch so flushed to an inference thread (else it scores it at once). */
    boolean runsAsync(boolean full) {
        return pipelined && full;
    }

    /**
     * Submits a batch: on an inference thread if pipelined and {@code full}, else scored at once.
     *
     * @param members the pairs
     * @param pairs their tensors, in the same order
     */
    void submit(List<Member> members, List<DecodedPair> pairs, long nowMillis, boolean full) {
        float[][] left = new float[pairs.size()][];
        float[][] right = new float[pairs.size()][];
        for (int i = 0; i < left.length; i++) {
            left[i] = pairs.get(i).left();
            right[i] = pairs.get(i).right();
        }
        CompletableFuture<BatchScores> scores;
        if (runsAsync(full)) {
            scores = CompletableFuture.supplyAsync(() -> score(left, right), executor);
        } else {
            scores = new CompletableFuture<>();
            try {
                scores.complete(score(left, right));
            } catch (RuntimeException e) {
                scores.completeExceptionally(e);
            }
        }
        queue.add(new Batch(List.copyOf(members), nowMillis, full, scores));
    }

    /**
     * Removes and returns the batches whose scores are ready, oldest first, stopping at the first
     * still running (so results leave in submission order); with {@code waitForOldest}, first waits
     * for the oldest batch in flight, which frees a slot.
     */
    List<Batch> takeDone(boolean waitForOldest) {
        List<Batch> done = new ArrayList<>(queue.size());
        boolean wait = waitForOldest;
        while (!queue.isEmpty() && (wait || queue.peekFirst().scores().isDone())) {
            wait = false;
            Batch b = queue.pollFirst();
            b.scores().exceptionally(e -> null).join(); // a failure is read by the caller, not thrown here
            done.add(b);
        }
        return done;
    }

    /** Pairs in flight. */
    int pairsInFlight() {
        return queue.stream().mapToInt(b -> b.members().size()).sum();
    }
}
