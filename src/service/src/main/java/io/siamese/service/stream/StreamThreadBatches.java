package io.siamese.service.stream;

import io.siamese.schemas.ImagePair;
import io.siamese.service.model.BatchEncoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Micro-batches filled by the tasks that share them: with {@code siamese.batch.across-partitions}, one
 * instance per stream thread filled from the pairs of all its tasks, so an instance that holds several
 * lightly loaded partitions scores one batch of all their pairs instead of a small batch per partition;
 * otherwise one instance per task. A batch is scored when it holds {@code maxSize} pairs, or when its oldest pair has
 * waited {@code maxLinger} and the encoder is free.
 *
 * <p>Exactly-once and per-key order are untouched: each pair stays in its own task's buffer store until
 * that task forwards its outcome from its {@link TaskOutbox}, in the same transaction as the store
 * deletion, and every task of a stream thread commits in that thread's one transaction.
 *
 * <p>Images are decoded when a batch is flushed, all at once on the {@link BatchDecoder}'s threads; the
 * forward pass runs on an inference thread ({@link InflightBatches}) when pipelined. While the schema
 * registry cannot answer what a pair needs ({@link SchemaRegistryGate}), pairs are held: neither read,
 * scored nor dead-lettered until it answers again. Only the stream thread touches this object.
 */
final class StreamThreadBatches {

    private static final Logger LOG = Logger.getLogger(StreamThreadBatches.class);

    /** A pair waiting for its batch; {@code pair} is null until read (held, or restored from the changelog). */
    private record Waiting(TaskOutbox owner, long sequence, BufferedRecord record, ImagePair pair) {}

    private final BatchSettings settings;
    private final BatchEncoder encoder;
    private final PairDecoder decoder;
    private final BatchDecoder batchDecoder;
    private final InflightBatches inflight;
    private final StreamMetrics metrics;
    private final SchemaRegistryGate registry;
    private final EagerCommits commits;
    private final ArrayDeque<Waiting> pending = new ArrayDeque<>();

    StreamThreadBatches(BatchSettings settings, BatchEncoder encoder, PairDecoder decoder, StreamMetrics metrics,
            SchemaRegistryGate registry) {
        this.settings = settings;
        this.encoder = encoder;
        this.decoder = decoder;
        this.batchDecoder = new BatchDecoder(decoder, settings.decodeThreads(), metrics);
        this.inflight = new InflightBatches(encoder, settings.pipelined(), settings.inferenceThreads(), metrics);
        this.metrics = metrics;
        this.registry = registry;
        this.commits = new EagerCommits(settings.eagerCommit(), settings.eagerCommitMinGap().toMillis());
    }

    /**
     * One instance per stream thread, made on first use: the processors of a topology share it through
     * this supplier, as each task is initialised, processed and closed on its stream thread.
     */
    static Supplier<StreamThreadBatches> perThread(Supplier<StreamThreadBatches> factory) {
        ThreadLocal<StreamThreadBatches> batches = ThreadLocal.withInitial(factory);
        return batches::get;
    }

    /** Adds a buffered pair of {@code owner}'s task; {@code pair} is null if it is still to be read. */
    void add(TaskOutbox owner, long sequence, BufferedRecord record, ImagePair pair) {
        pending.add(new Waiting(owner, sequence, record, pair));
    }

    /** A task closed: its waiting pairs leave (they stay in its store), and outcomes for it are dropped. */
    void forget(TaskOutbox owner) {
        owner.close();
        pending.removeIf(w -> w.owner() == owner);
    }

    /**
     * As a task adds a record: scores a full batch (waiting for the one in flight if need be); a lingered one
     * waits for the ticks ({@link #maybeFlush}), which come once every task has processed its records of the
     * poll-loop pass. Flushed on the first task's record, it would leave the other tasks' records of the pass
     * behind, to linger through the commit the flush asks for and flush the next pass's first record again:
     * a transaction a pass for a handful of pairs, which a cold service cannot keep up with.
     */
    void flushIfFull(LongSupplier clock) {
        collect(false);
        if (pending.size() >= settings.maxSize() && registry.isOpen()) {
            flush(true, clock);
        }
    }

    /**
     * On a task's tick, once every task has processed its records of the pass: scores a full batch,
     * or a lingered one once the encoder is free: while a forward pass runs, the next batch keeps filling
     * instead of the stream thread blocking on it, since the pairs could not be scored sooner anyway.
     */
    void maybeFlush(LongSupplier clock) {
        collect(false);
        if (pending.isEmpty() || !registry.isOpen()) {
            return;
        }
        boolean full = pending.size() >= settings.maxSize();
        boolean lingered = clock.getAsLong() - pending.peekFirst().record().arrivalMillis() >= settings.maxLingerMillis();
        if (full) {
            flush(true, clock);
        } else if (lingered && inflight.hasRoom()) {
            flush(false, clock);
        }
    }

    /**
     * Hands everything pending to the encoder, in batches of at most maxSize, in arrival order.
     * Full batches mean the input is ahead of the encoder: they are pipelined (when enabled) for
     * throughput. A batch flushed by the linger means the encoder is keeping up: it is scored at
     * once on the stream thread, which saves the hand-off to an inference thread and so lowers the
     * latency at low rates.
     */
    void flush(boolean full, LongSupplier clock) {
        collect(false);
        boolean held = !registry.isOpen();
        while (!pending.isEmpty() && !held) {
            List<Waiting> taken = new ArrayList<>(settings.maxSize());
            List<BatchDecoder.Item> items = new ArrayList<>(settings.maxSize());
            while (!pending.isEmpty() && items.size() < settings.maxSize()) {
                Waiting w = pending.pollFirst();
                taken.add(w);
                items.add(new BatchDecoder.Item(w.record(), w.pair()));
            }
            // Decoding overlaps the batch in flight, if any.
            List<BatchDecoder.Decoded> decoded = batchDecoder.decode(items, encoder.current().preprocessing());
            List<InflightBatches.Member> members = new ArrayList<>(decoded.size());
            List<DecodedPair> pairs = new ArrayList<>(decoded.size());
            for (int i = 0; i < decoded.size() && !held; i++) {
                BatchDecoder.Decoded d = decoded.get(i);
                Waiting w = taken.get(i);
                if (d.unavailable() != null) {
                    // Hold this pair and every later one, in order, until the registry answers.
                    for (int j = taken.size() - 1; j >= i; j--) {
                        Waiting back = taken.get(j);
                        pending.addFirst(new Waiting(back.owner(), back.sequence(), back.record(), items.get(j).pair()));
                    }
                    registry.unavailable(d.unavailable(), retryOf(decoder, d.record()));
                    held = true;
                } else if (d.rejected() != null) {
                    w.owner().rejected(w.sequence(), d.record(), d.rejected());
                } else {
                    members.add(new InflightBatches.Member(w.owner(), w.sequence(), d.record(), d.pair().pair()));
                    pairs.add(d.pair());
                }
            }
            if (!pairs.isEmpty()) {
                // Back-pressure: at most inference-threads batches in flight per stream thread: wait for the oldest.
                List<InflightBatches.Batch> freed = inflight.hasRoom() ? List.of() : inflight.takeDone(true);
                if (inflight.runsAsync(full)) {
                    // Hand the freed inference thread its next batch first: it would otherwise sit idle meanwhile.
                    inflight.submit(members, pairs, clock.getAsLong(), full);
                    distribute(freed);
                } else {
                    distribute(freed);
                    inflight.submit(members, pairs, clock.getAsLong(), full);
                }
            }
        }
        collect(false);
    }

    /** Hands the outcomes of the batches finished to their tasks; with {@code wait}, first waits for the oldest. */
    void collect(boolean wait) {
        distribute(inflight.takeDone(wait));
    }

    private void distribute(List<InflightBatches.Batch> done) {
        for (InflightBatches.Batch b : done) {
            Throwable failure = b.failure();
            if (failure == null) {
                metrics.batch(b.members().size(), b.scores().join().inferenceNanos());
            } else {
                LOG.errorf(failure, "inference failed for a batch of %d pairs", b.members().size());
            }
            for (int i = 0; i < b.members().size(); i++) {
                b.members().get(i).owner().scored(b, i);
            }
        }
    }

    /** Reads {@code raw} again: throws while the registry still cannot answer, returns once it has. */
    static Runnable retryOf(PairDecoder decoder, BufferedRecord raw) {
        return () -> {
            try {
                decoder.deserialize(raw.topic(), raw.value());
            } catch (RejectedRecord answered) {
                // The registry answered; that the record is bad is for the processor to find out again.
            }
        };
    }

    /** The thread's early commits, shared by its tasks: any task's commit request commits them all. */
    EagerCommits commits() {
        return commits;
    }

    /** The batching settings every task of the thread shares. */
    BatchSettings settings() {
        return settings;
    }

    /** Pairs buffered and not yet handed to the encoder. */
    int pendingCount() {
        return pending.size();
    }

    /** Pairs handed to the encoder whose outcomes are not yet with their tasks. */
    int inFlightCount() {
        return inflight.pairsInFlight();
    }
}
