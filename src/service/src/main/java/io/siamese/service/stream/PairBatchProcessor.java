package io.siamese.service.stream;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.serde.RegistryUnavailableException;
import io.siamese.service.model.BatchEncoder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * One stream task's side of micro-batching: each readable pair is kept in a changelogged store (so a
 * crash loses nothing) and handed, deserialized, to its batches ({@link StreamThreadBatches}): the task's
 * own, or with {@code siamese.batch.across-partitions} its stream thread's, which score the pairs of all
 * the thread's tasks together. Every input
 * yields exactly one result or one dead letter: a record that cannot be read is dead-lettered here at
 * once; the outcomes of batched pairs come back through this task's {@link TaskOutbox}, and are
 * forwarded, and their pairs removed from the store, when this task next processes a record or ticks.
 *
 * <p>While the schema registry cannot answer what a pair needs ({@link SchemaRegistryGate}), pairs are held:
 * buffered like any other, but neither read, scored nor dead-lettered until it answers again.
 */
public final class PairBatchProcessor implements Processor<byte[], byte[], byte[], Object> {

    private static final Logger LOG = Logger.getLogger(PairBatchProcessor.class);

    private final BatchSettings settings;
    private final PairDecoder decoder;
    private final OutputKeys keys;
    private final StreamMetrics metrics;
    private final InputRecords.Factory inputs;
    private final SchemaRegistryGate registry;
    private final Supplier<StreamThreadBatches> threadBatches;
    private ProcessorContext<byte[], Object> context;
    private StreamThreadBatches batches;
    private TaskOutbox outbox;
    private ResultForwarder forwarder;
    private KeyValueStore<Long, byte[]> buffer;
    private long nextSequence;

    /** A processor whose batches hold its own pairs only (tests of one task). */
    PairBatchProcessor(BatchSettings settings, BatchEncoder encoder, PairDecoder decoder, OutputKeys keys,
            StreamMetrics metrics, SchemaRegistryGate registry) {
        this(settings, decoder, keys, metrics, registry, KafkaInputRecords::new,
                ownBatches(settings, encoder, decoder, metrics, registry));
    }

    /** A processor whose batches hold its own pairs only, reading restored values with {@code inputs} (tests). */
    PairBatchProcessor(BatchSettings settings, BatchEncoder encoder, PairDecoder decoder, OutputKeys keys,
            StreamMetrics metrics, SchemaRegistryGate registry, InputRecords.Factory inputs) {
        this(settings, decoder, keys, metrics, registry, inputs, ownBatches(settings, encoder, decoder, metrics, registry));
    }

    /**
     * @param registry says whether the schema registry can answer what pairs need; pairs are held while not
     * @param inputs reads the values of pairs restored as references back from the input topic
     * @param threadBatches the batches this task fills (called in {@code init}, on the task's stream thread):
     *     the thread's, shared by its tasks, or a new set per task
     */
    PairBatchProcessor(BatchSettings settings, PairDecoder decoder, OutputKeys keys, StreamMetrics metrics,
            SchemaRegistryGate registry, InputRecords.Factory inputs, Supplier<StreamThreadBatches> threadBatches) {
        this.settings = settings;
        this.decoder = decoder;
        this.keys = keys;
        this.metrics = metrics;
        this.registry = registry;
        this.inputs = inputs;
        this.threadBatches = threadBatches;
    }

    private static Supplier<StreamThreadBatches> ownBatches(BatchSettings settings, BatchEncoder encoder,
            PairDecoder decoder, StreamMetrics metrics, SchemaRegistryGate registry) {
        StreamThreadBatches own = new StreamThreadBatches(settings, encoder, decoder, metrics, registry);
        return () -> own;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        this.batches = threadBatches.get(); // init, process, punctuate and close all run on the task's stream thread
        batches.commits().countCommits(ThreadCommits.of(context));
        this.outbox = new TaskOutbox(context.taskId().toString());
        this.forwarder = new ResultForwarder(context, settings.outputTopic(), keys, metrics, this::now);
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
        restored.forEach((seq, r) -> batches.add(outbox, seq, r, null));
        if (!restored.isEmpty()) {
            LOG.infof("task %s: %d buffered pairs restored, scoring them now", context.taskId(), restored.size());
        }
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, this::onTick);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.received();
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        BufferedRecord raw = new BufferedRecord(now(), record.timestamp(), meta.topic(), meta.partition(), meta.offset(),
                record.key(), record.value());
        if (!registry.isOpen()) {
            buffer(raw, null);
            drain();
            return;
        }
        ImagePair pair;
        long cpu = CpuStage.threadCpuNanos();
        try {
            pair = decoder.deserialize(meta.topic(), record.value());
            metrics.stageCpu(CpuStage.AVRO_DECODE, CpuStage.threadCpuNanos() - cpu);
        } catch (RejectedRecord e) {
            forwarder.deadLetter(raw, e.kind(), e.getMessage());
            drain();
            return;
        } catch (RegistryUnavailableException e) {
            registry.unavailable(e, StreamThreadBatches.retryOf(decoder, raw));
            buffer(raw, null);
            drain();
            return;
        }
        buffer(raw, pair);
        batches.flushIfFull(this::now); // a lingered batch waits for the tick, so the other tasks add theirs first
        drain();
    }

    /** Buffers a pair: in the store as a reference (the value stays in the input topic), in the batches whole. */
    private void buffer(BufferedRecord raw, ImagePair pair) {
        long seq = nextSequence++;
        buffer.put(seq, raw.toReferenceBytes());
        batches.add(outbox, seq, raw, pair);
    }

    /**
     * Wall-clock tick: score the next batch once its oldest pair has waited long enough; forward this
     * task's outcomes; make a commit owed since the last one.
     */
    void onTick(long tick) {
        batches.maybeFlush(settings.clock() == BatchSettings.Clock.SYSTEM ? this::now : () -> tick);
        drain();
        batches.commits().maybeCommit(now());
    }

    /**
     * Forwards the outcomes owed to this task and only then removes their pairs from the buffer store,
     * in the same transaction: a pair in flight at a commit stays in the store's changelog, so a crash
     * before its result is written scores it again after the restart.
     */
    private void drain() {
        List<TaskOutbox.Outcome> owed = outbox.drain();
        if (owed.isEmpty()) {
            return;
        }
        long cpu = CpuStage.threadCpuNanos();
        long now = now();
        boolean lingered = false;
        for (TaskOutbox.Outcome o : owed) {
            buffer.delete(o.sequence());
            if (o.rejected() != null) {
                forwarder.deadLetter(o.record(), o.rejected().kind(), o.rejected().getMessage());
            } else {
                forwarder.result(o.batch(), o.index(), now);
                lingered |= !o.batch().full();
            }
        }
        metrics.stageCpu(CpuStage.RESULTS, CpuStage.threadCpuNanos() - cpu);
        if (lingered) {
            // The encoder is keeping up: publish soon, not at the commit interval.
            batches.commits().lingeredBatchForwarded(now(), context::commit);
        }
    }

    /**
     * The task is closed (revoked, or closed to be revived): its pairs leave the thread's batches, and
     * outcomes still on their way are dropped. They stay in its buffer store, whose changelog hands them
     * to the task's next owner.
     */
    @Override
    public void close() {
        if (batches != null) {
            batches.forget(outbox);
        }
    }

    private long now() {
        return settings.clock() == BatchSettings.Clock.SYSTEM ? System.currentTimeMillis() : context.currentSystemTimeMs();
    }

    /** Pairs buffered and not yet handed to the encoder (tests). */
    int pendingCount() {
        return batches.pendingCount();
    }

    /** Waits for the batches in flight and forwards this task's outcomes (tests). */
    void awaitInFlight() {
        while (batches.inFlightCount() > 0) {
            batches.collect(true);
        }
        drain();
    }

    /** Pairs handed to the encoder whose outcomes are not forwarded yet (tests). */
    int inFlightCount() {
        return batches.inFlightCount();
    }
}
