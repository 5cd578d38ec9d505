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
 * Micro-batches image pairs: each valid pair is kept in a changelogged store (so a crash loses
 * nothing) and in memory (already decoded); the batch is scored in one forward pass when it holds
 * {@code maxSize} pairs or when its oldest pair has waited {@code maxLinger}. Every input yields
 * exactly one result or one dead letter, forwarded in arrival order (so per-key order holds).
 */
public final class PairBatchProcessor implements Processor<byte[], byte[], byte[], Object> {

    private static final Logger LOG = Logger.getLogger(PairBatchProcessor.class);

    private final BatchSettings settings;
    private final BatchEncoder encoder;
    private final PairDecoder decoder;
    private final OutputKeys keys;
    private final StreamMetrics metrics;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private ProcessorContext<byte[], Object> context;
    private KeyValueStore<Long, byte[]> buffer;
    private long nextSequence;

    /** A buffered pair: its raw record and, once decoded, its tensors. */
    private record Pending(BufferedRecord record, DecodedPair decoded) {}

    PairBatchProcessor(BatchSettings settings, BatchEncoder encoder, PairDecoder decoder, OutputKeys keys,
            StreamMetrics metrics) {
        this.settings = settings;
        this.encoder = encoder;
        this.decoder = decoder;
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
        long now = context.currentSystemTimeMs();
        BufferedRecord raw = new BufferedRecord(now, record.timestamp(), meta.topic(), meta.partition(), meta.offset(),
                record.key(), record.value());
        DecodedPair decoded;
        try {
            ImagePair pair = decoder.deserialize(meta.topic(), record.value());
            decoded = decoder.decode(pair, encoder.current().preprocessing());
        } catch (RejectedRecord e) {
            deadLetter(raw, e.kind(), e.getMessage());
            return;
        }
        long seq = nextSequence++;
        buffer.put(seq, raw.toBytes());
        pending.put(seq, new Pending(raw, decoded));
        if (pending.size() >= settings.maxSize()) {
            flush();
        }
    }

    /** Wall-clock tick: score the batch once its oldest pair has waited long enough. */
    void onTick(long now) {
        if (!pending.isEmpty() && now - pending.firstEntry().getValue().record().arrivalMillis() >= settings.maxLingerMillis()) {
            flush();
        }
    }

    /** Scores everything pending, in batches of at most maxSize, in arrival order. */
    void flush() {
        while (!pending.isEmpty()) {
            List<Map.Entry<Long, Pending>> batch = new ArrayList<>(settings.maxSize());
            List<DecodedPair> pairs = new ArrayList<>(settings.maxSize());
            while (!pending.isEmpty() && batch.size() < settings.maxSize()) {
                Map.Entry<Long, Pending> e = pending.pollFirstEntry();
                buffer.delete(e.getKey());
                DecodedPair d = e.getValue().decoded();
                if (d == null) {
                    d = redecode(e.getValue().record());
                    if (d == null) {
                        continue;
                    }
                }
                batch.add(e);
                pairs.add(d);
            }
            if (!pairs.isEmpty()) {
                score(batch, pairs);
            }
        }
    }

    private void score(List<Map.Entry<Long, Pending>> batch, List<DecodedPair> pairs) {
        long started = context.currentSystemTimeMs();
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
            for (Map.Entry<Long, Pending> entry : batch) {
                deadLetter(entry.getValue().record(), DeadLetterKinds.INFERENCE_FAILURE, "inference failed: " + e);
            }
            return;
        }
        metrics.batch(pairs.size(), scores.inferenceNanos());
        long now = context.currentSystemTimeMs();
        for (int i = 0; i < pairs.size(); i++) {
            BufferedRecord raw = batch.get(i).getValue().record();
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

    /** Decodes a pair restored from the changelog; a failure becomes its dead letter. */
    private DecodedPair redecode(BufferedRecord raw) {
        try {
            return decoder.decode(decoder.deserialize(raw.topic(), raw.value()), encoder.current().preprocessing());
        } catch (RejectedRecord e) {
            deadLetter(raw, e.kind(), e.getMessage());
            return null;
        }
    }

    private void deadLetter(BufferedRecord raw, String kind, String message) {
        var letter = Results.deadLetter(raw, kind, message, context.currentSystemTimeMs());
        context.forward(new Record<>(raw.key(), (Object) letter, raw.timestamp()), StreamNames.DEAD_LETTER_SINK);
        metrics.deadLetter(kind);
    }

    /** Pairs buffered and not yet scored (tests). */
    int pendingCount() {
        return pending.size();
    }
}
