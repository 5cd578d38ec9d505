package io.siamese.service.stream;

import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.ImagePair;
import io.siamese.service.model.BatchScores;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jboss.logging.Logger;

/**
 * Writes what the batching processor decided: one result per pair of a scored batch (to
 * {@link StreamNames#RESULTS_SINK}, keyed like the input) or one dead letter per rejected pair (to
 * {@link StreamNames#DEAD_LETTER_SINK}, with the original bytes), and records both in the metrics.
 * A batch whose forward pass failed becomes a dead letter for each of its pairs.
 */
final class ResultForwarder {

    private static final Logger LOG = Logger.getLogger(ResultForwarder.class);

    private final ProcessorContext<byte[], Object> context;
    private final String outputTopic;
    private final OutputKeys keys;
    private final StreamMetrics metrics;
    private final LongSupplier clock;

    ResultForwarder(ProcessorContext<byte[], Object> context, String outputTopic, OutputKeys keys, StreamMetrics metrics,
            LongSupplier clock) {
        this.context = context;
        this.outputTopic = outputTopic;
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Forwards a finished batch's results in arrival order, or its dead letters if the forward pass failed. */
    void results(InflightBatches.Batch b) {
        List<BufferedRecord> batch = b.records();
        List<DecodedPair> pairs = b.pairs();
        BatchScores scores;
        try {
            scores = b.scores().join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.errorf(cause, "inference failed for a batch of %d pairs", pairs.size());
            for (BufferedRecord raw : batch) {
                deadLetter(raw, DeadLetterKinds.INFERENCE_FAILURE, "inference failed: " + cause);
            }
            return;
        }
        metrics.batch(pairs.size(), scores.inferenceNanos());
        long cpu = CpuStage.threadCpuNanos();
        long now = clock.getAsLong();
        for (int i = 0; i < pairs.size(); i++) {
            BufferedRecord raw = batch.get(i);
            ImagePair pair = pairs.get(i).pair();
            long queued = b.startedMillis() - raw.arrivalMillis();
            var result = Results.result(pair, scores, i, queued, now);
            byte[] key = keys.keyFor(outputTopic, pair.getPairId(), raw.key());
            context.forward(new Record<>(key, (Object) result, raw.timestamp()), StreamNames.RESULTS_SINK);
            metrics.result(scores.model(), scores.distances()[i], scores.same(i), queued,
                    result.getTimings().getEventToResultMs());
            metrics.published(pair, result);
        }
        metrics.stageCpu(CpuStage.RESULTS, CpuStage.threadCpuNanos() - cpu);
    }

    /** Forwards a dead letter for {@code raw}: its original bytes, the error kind and message. */
    void deadLetter(BufferedRecord raw, String kind, String message) {
        var letter = Results.deadLetter(raw, kind, message, clock.getAsLong());
        context.forward(new Record<>(raw.key(), (Object) letter, raw.timestamp()), StreamNames.DEAD_LETTER_SINK);
        metrics.deadLetter(kind);
    }
}
