package io.siamese.service.stream;

import io.siamese.schemas.ImagePair;
import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.BatchScores;
import io.siamese.schemas.DeadLetterKinds;
import java.time.Duration;
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
 */
public final class PairBatchProcessor implements Processor<byte[], byte[], byte[], Object> {

    private static final Logger LOG = Logger.getLogger(PairBatchProcessor.class);

    private final BatchSettings settings;
    private final BatchEncoder encoder;
    private final PairDecoder decoder;
    private final BatchDecoder batchDecoder;
    private final OutputKeys keys;
    private final StreamMetrics metrics;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private ProcessorContext<byte[], Object> context;
    private KeyValueStore<Long, byte[]> buffer;
    private long nextSequence;

    /** A buffered pair: its raw record and, unless restored from the changelog, its event. */
    private record Pending(BufferedRecord record, ImagePair pair) {}

    PairBatchProcessor(BatchSettings settings, BatchEncoder encoder, PairDecoder decoder, OutputKeys keys,
            StreamMetrics metrics) {
        this.settings = settings;
        this.encoder = encoder;
        this.decoder = decoder;
        this.batchDecoder = new BatchDecoder(decoder, settings.decodeThreads());
        this.keys = keys;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        this.buffer = context.getStateStore(StreamNames.BUFFER_STORE);
        // Pairs buffered before a crash come back from the changelog: decode them again.
        try (KeyValueIterator<Long, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                BufferedRecord r = BufferedRecord.fromBytes(kv.value);
                pending.put(kv.key, new Pending(r, null));
                nextSequence = Math.max(nextSequence, kv.key + 1);
            }
        }
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
        ImagePair pair;
        try {
            pair = decoder.deserialize(meta.topic(), record.value());
        } catch (RejectedRecord e) {
            deadLetter(raw, e.kind(), e.getMessage());
            return;
        }
        long seq = nextSequence++;
        buffer.put(seq, raw.toBytes());
        pending.put(seq, new Pending(raw, pair));
        if (pending.size() >= settings.maxSize()) {
            flush();
        }
    }

    /** Wall-clock tick: score the batch once its oldest pair has waited long enough. */
    void onTick(long tick) {
        long now = settings.clock() == BatchSettings.Clock.SYSTEM ? now() : tick;
        if (!pending.isEmpty() && now - pending.firstEntry().getValue().record().arrivalMillis() >= settings.maxLingerMillis()) {
            flush();
        }
    }

    /** Scores everything pending, in batches of at most maxSize, in arrival order. */
    void flush() {
        while (!pending.isEmpty()) {
            List<Pending> taken = new ArrayList<>(settings.maxSize());
            while (!pending.isEmpty() && taken.size() < settings.maxSize()) {
                Map.Entry<Long, Pending> e = pending.pollFirstEntry();
                buffer.delete(e.getKey());
                taken.add(e.getValue());
            }
            List<BatchDecoder.Decoded> decoded = batchDecoder.decode(taken.stream()
                    .map(p -> new BatchDecoder.Item(p.record(), p.pair())).toList(), encoder.current().preprocessing());
            List<BufferedRecord> batch = new ArrayList<>(decoded.size());
            List<DecodedPair> pairs = new ArrayList<>(decoded.size());
            for (BatchDecoder.Decoded d : decoded) {
                if (d.rejected() != null) {
                    deadLetter(d.record(), d.rejected().kind(), d.rejected().getMessage());
                } else {
                    batch.add(d.record());
                    pairs.add(d.pair());
                }
            }
            if (!pairs.isEmpty()) {
                score(batch, pairs);
            }
        }
    }

    private void score(List<BufferedRecord> batch, List<DecodedPair> pairs) {
        long started = now();
        float[][] left = new float[pairs.size()][];
        float[][] right = new float[pairs.size()][];
        for (int i = 0; i < left.length; i++) {
            left[i] = pairs.get(i).left();
            right[i] = pairs.get(i).right();
        }
        BatchScores scores;
        try {
            scores = encoder.score(left, right);
        } catch (RuntimeException e) {
            LOG.errorf(e, "inference failed for a batch of %d pairs", pairs.size());
            for (BufferedRecord raw : batch) {
                deadLetter(raw, DeadLetterKinds.INFERENCE_FAILURE, "inference failed: " + e);
            }
            return;
        }
        metrics.batch(pairs.size(), scores.inferenceNanos());
        long now = now();
        for (int i = 0; i < pairs.size(); i++) {
            BufferedRecord raw = batch.get(i);
            ImagePair pair = pairs.get(i).pair();
            long queued = started - raw.arrivalMillis();
            var result = Results.result(pair, scores, i, queued, now);
            byte[] key = keys.keyFor(settings.outputTopic(), pair.getPairId(), raw.key());
            context.forward(new Record<>(key, (Object) result, raw.timestamp()), StreamNames.RESULTS_SINK);
            metrics.result(scores.model(), scores.distances()[i], scores.same(i), queued,
                    result.getTimings().getEventToResultMs());
            metrics.published(pair, result);
        }
    }

    private void deadLetter(BufferedRecord raw, String kind, String message) {
        var letter = Results.deadLetter(raw, kind, message, now());
        context.forward(new Record<>(raw.key(), (Object) letter, raw.timestamp()), StreamNames.DEAD_LETTER_SINK);
        metrics.deadLetter(kind);
    }

    private long now() {
        return settings.clock() == BatchSettings.Clock.SYSTEM ? System.currentTimeMillis() : context.currentSystemTimeMs();
    }

    /** Pairs buffered and not yet scored (tests). */
    int pendingCount() {
        return pending.size();
    }
}
