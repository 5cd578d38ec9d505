package io.siamese.service.stream;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.serde.RegistryUnavailableException;
import io.siamese.service.model.BatchEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Micro-batches image pairs: each readable pair is kept in a changelogged store (so a crash loses
 * nothing) and in memory (deserialized); the batch is scored in one forward pass when it holds
 * {@code maxSize} pairs or when its oldest pair has waited {@code maxLinger}. Every input yields
 * exactly one result or one dead letter, forwarded in arrival order (so per-key order holds).
 *
 * <p>Images are decoded when the batch is flushed, all of them at once on the {@link BatchDecoder}'s
 * threads, not one by one as records arrive: {@code process()} stays cheap, so a backlog fills
 * whole batches within the linger instead of the stream thread decoding while the clock runs, and
 * the decoding uses every core. An image that cannot be decoded becomes its pair's dead letter then.
 * The forward pass itself runs on an inference thread ({@link InflightBatches}) when pipelined;
 * results are forwarded ({@link ResultForwarder}), and their pairs removed from the store, back on the
 * stream thread.
 *
 * <p>While the schema registry cannot answer what a pair needs ({@link SchemaRegistryGate}), pairs are held:
 * buffered like any other, but neither read, scored nor dead-lettered until it answers again.
 */
public final class PairBatchProcessor implements Processor<byte[], byte[], byte[], Object> {

    private static final Logger LOG = Logger.getLogger(PairBatchProcessor.class);

    private final BatchSettings settings;
    private final BatchEncoder encoder;
    private final PairDecoder decoder;
    private final BatchDecoder batchDecoder;
    private final InflightBatches inflight;
    private final OutputKeys keys;
    private final StreamMetrics metrics;
    private final InputRecords.Factory inputs;
    private final SchemaRegistryGate registry;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private ProcessorContext<byte[], Object> context;
    private ResultForwarder forwarder;
    private EagerCommits commits;
    private KeyValueStore<Long, byte[]> buffer;
    private long nextSequence;

    /** A buffered pair: its raw record and, unless restored from the changelog, its event. */
    private record Pending(BufferedRecord record, ImagePair pair) {}

    PairBatchProcessor(BatchSettings settings, BatchEncoder encoder, PairDecoder decoder, OutputKeys keys,
            StreamMetrics metrics, SchemaRegistryGate registry) {
        this(settings, encoder, decoder, keys, metrics, registry, KafkaInputRecords::new);
    }

    /**
     * @param registry says whether the schema registry can answer what pairs need; pairs are held while not
     * @param inputs   reads the values of pairs restored as references back from the input topic
     */
    PairBatchProcessor(BatchSettings settings, BatchEncoder encoder, PairDecoder decoder, OutputKeys keys,
            StreamMetrics metrics, SchemaRegistryGate registry, InputRecords.Factory inputs) {
        this.inputs = inputs;
        this.registry = registry;
        this.settings = settings;
        this.encoder = encoder;
        this.decoder = decoder;
        this.batchDecoder = new BatchDecoder(decoder, settings.decodeThreads(), metrics);
        this.inflight = new InflightBatches(encoder, settings.pipelined(), settings.inferenceThreads(), metrics);
        this.keys = keys;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        this.forwarder = new ResultForwarder(context, settings.outputTopic(), keys, metrics, this::now);
        this.commits = new EagerCommits(settings.eagerCommit(), settings.eagerCommitMinGap().toMillis(), context::commit);
        this.buffer = context.getStateStore(StreamNames.BUFFER_STORE);
        // Pairs buffered before a crash come back from the changelog as references: read their values again
        // from the input topic, then decode and score them.
        Map<Long, BufferedRecord> restored = new TreeMap<>();
        try (KeyValueIterator<Long, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                restored.put(kv.key, BufferedRecord.fromBytes(kv.value));
                nextSequence = Math.max(nextSequence, kv.key + 1);
            }
        }
        RestoredValues.fill(restored, () -> inputs.open(context.appConfigs(), "siamese-restore-" + context.taskId()));
        restored.forEach((seq, r) -> pending.put(seq, new Pending(r, null)));
        if (!pending.isEmpty()) {
            LOG.infof("task %s: %d buffered pairs restored, scoring them now", context.taskId(), pending.size());
        }
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::onTick);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.received();
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        long now = now();
        BufferedRecord raw = new BufferedRecord(now, record.timestamp(), meta.topic(), meta.partition(), meta.offset(),
                record.key(), record.value());
        if (!registry.isOpen()) {
            buffer(raw, null);
            return;
        }
        ImagePair pair;
        long cpu = CpuStage.threadCpuNanos();
        try {
            pair = decoder.deserialize(meta.topic(), record.value());
            metrics.stageCpu(CpuStage.AVRO_DECODE, CpuStage.threadCpuNanos() - cpu);
        } catch (RejectedRecord e) {
            forwarder.deadLetter(raw, e.kind(), e.getMessage());
            return;
        } catch (RegistryUnavailableException e) {
            registry.unavailable(e, retryOf(raw));
            buffer(raw, null);
            return;
        }
        buffer(raw, pair);
        maybeFlush(now);
    }

    /** Buffers a pair: in the store as a reference (the value stays in the input topic), in memory whole. */
    private void buffer(BufferedRecord raw, ImagePair pair) {
        long seq = nextSequence++;
        buffer.put(seq, raw.toReferenceBytes());
        pending.put(seq, new Pending(raw, pair));
    }

    /** Reads {@code raw} again: throws while the registry still cannot answer, returns once it has. */
    private Runnable retryOf(BufferedRecord raw) {
        return () -> {
            try {
                decoder.deserialize(raw.topic(), raw.value());
            } catch (RejectedRecord answered) {
                // The registry answered; that the record is bad is for the processor to find out again.
            }
        };
    }

    /**
     * Wall-clock tick: forward finished batches; score the next once its oldest pair has waited long
     * enough; make a commit owed since the last one.
     */
    void onTick(long tick) {
        long now = settings.clock() == BatchSettings.Clock.SYSTEM ? now() : tick;
        maybeFlush(now);
        commits.maybeCommit(now);
    }

    /**
     * Flushes a full batch (waiting for the one in flight if need be), or a lingered one once the
     * encoder is free: while a forward pass runs, the next batch keeps filling instead of the
     * stream thread blocking on it, since the pairs could not be scored sooner anyway.
     */
    private void maybeFlush(long now) {
        emitDone(false);
        if (pending.isEmpty() || !registry.isOpen()) {
            return;
        }
        boolean full = pending.size() >= settings.maxSize();
        boolean lingered = now - pending.firstEntry().getValue().record().arrivalMillis() >= settings.maxLingerMillis();
        if (full) {
            flush(true);
        } else if (lingered && inflight.hasRoom()) {
            flush(false);
        }
    }

    /**
     * Hands everything pending to the encoder, in batches of at most maxSize, in arrival order.
     * Full batches mean the input is ahead of the encoder: they are pipelined (when enabled) for
     * throughput. A batch flushed by the linger means the encoder is keeping up: it is scored at
     * once on the stream thread, which saves the hand-off to an inference thread and so lowers the
     * latency at low rates.
     */
    void flush(boolean full) {
        emitDone(false);
        boolean held = !registry.isOpen();
        while (!pending.isEmpty() && !held) {
            List<Long> sequences = new ArrayList<>(settings.maxSize());
            List<BatchDecoder.Item> items = new ArrayList<>(settings.maxSize());
            while (!pending.isEmpty() && items.size() < settings.maxSize()) {
                Map.Entry<Long, Pending> e = pending.pollFirstEntry();
                sequences.add(e.getKey());
                items.add(new BatchDecoder.Item(e.getValue().record(), e.getValue().pair()));
            }
            // Decoding overlaps the batch in flight, if any.
            List<BatchDecoder.Decoded> decoded = batchDecoder.decode(items, encoder.current().preprocessing());
            List<Long> accepted = new ArrayList<>(decoded.size());
            List<BufferedRecord> records = new ArrayList<>(decoded.size());
            List<DecodedPair> pairs = new ArrayList<>(decoded.size());
            for (int i = 0; i < decoded.size() && !held; i++) {
                BatchDecoder.Decoded d = decoded.get(i);
                if (d.unavailable() != null) {
                    // Hold this pair and every later one, in order, until the registry answers.
                    for (int j = i; j < items.size(); j++) {
                        pending.put(sequences.get(j), new Pending(items.get(j).record(), items.get(j).pair()));
                    }
                    registry.unavailable(d.unavailable(), retryOf(d.record()));
                    held = true;
                } else if (d.rejected() != null) {
                    buffer.delete(sequences.get(i));
                    forwarder.deadLetter(d.record(), d.rejected().kind(), d.rejected().getMessage());
                } else {
                    accepted.add(sequences.get(i));
                    records.add(d.record());
                    pairs.add(d.pair());
                }
            }
            if (!pairs.isEmpty()) {
                // Back-pressure: at most inference-threads batches in flight per task, so wait for the oldest.
                List<InflightBatches.Batch> freed = inflight.hasRoom() ? List.of() : inflight.takeDone(true);
                if (inflight.runsAsync(full)) {
                    // Hand the freed inference thread its next batch before forwarding the finished one's
                    // results: forwarding takes milliseconds it would otherwise sit idle for.
                    inflight.submit(accepted, records, pairs, now(), full);
                    forward(freed);
                } else {
                    forward(freed);
                    inflight.submit(accepted, records, pairs, now(), full);
                }
            }
        }
        emitDone(false);
    }

    /** Forwards the results of the batches finished; with {@code wait}, first waits for the oldest in flight. */
    private void emitDone(boolean wait) {
        forward(inflight.takeDone(wait));
    }

    /**
     * Forwards the results of finished batches and only then removes their pairs from the buffer
     * store, in the same transaction: a pair in flight at a commit stays in the store's changelog,
     * so a crash before its result is written scores it again after the restart.
     */
    private void forward(List<InflightBatches.Batch> done) {
        boolean lingered = false;
        for (InflightBatches.Batch b : done) {
            for (Long seq : b.sequences()) {
                buffer.delete(seq);
            }
            forwarder.results(b);
            lingered |= !b.full();
        }
        if (lingered) {
            commits.lingeredBatchForwarded(now()); // the encoder is keeping up: publish soon, not at the commit interval
        }
    }

    private long now() {
        return settings.clock() == BatchSettings.Clock.SYSTEM ? System.currentTimeMillis() : context.currentSystemTimeMs();
    }

    /** Pairs buffered and not yet handed to the encoder (tests). */
    int pendingCount() {
        return pending.size();
    }

    /** Waits for the batches in flight and forwards their results (tests). */
    void awaitInFlight() {
        while (inflight.pairsInFlight() > 0) {
            emitDone(true);
        }
    }

    /** Pairs handed to the encoder whose results are not forwarded yet (tests). */
    int inFlightCount() {
        return inflight.pairsInFlight();
    }
}
