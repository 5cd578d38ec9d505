package io.siamese.service.stream;

import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.ImagePair;
import io.siamese.service.model.BatchScores;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Writes what the batching processor decided: one result per pair of a scored batch (to
 * {@link StreamNames#RESULTS_SINK}, keyed like the input) or one dead letter per rejected pair (to
 * {@link StreamNames#DEAD_LETTER_SINK}, with the original bytes), and records both in the metrics.
 * A batch whose forward pass failed becomes a dead letter for each of its pairs.
 * Only the task that owns a pair may forward its outcome, while it processes or punctuates.
 */
final class ResultForwarder {

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

    /**
     * Forwards the result of member {@code i} of a finished batch, or its dead letter if the batch's
     * forward pass failed.
     */
    void result(InflightBatches.Batch b, int i, long nowMillis) {
        BufferedRecord raw = b.members().get(i).record();
        Throwable failure = b.failure();
        if (failure != null) {
            deadLetter(raw, DeadLetterKinds.INFERENCE_FAILURE, "inference failed: " + failure);
            return;
        }
        BatchScores scores = b.scores().join();
        ImagePair pair = b.members().get(i).pair();
        long queued = b.startedMillis() - raw.arrivalMillis();
        var result = Results.result(pair, scores, i, queued, nowMillis);
        byte[] key = keys.keyFor(outputTopic, pair.getPairId(), raw.key());
        context.forward(new Record<>(key, (Object) result, raw.timestamp()), StreamNames.RESULTS_SINK);
        metrics.result(scores.model(), scores.distances()[i], scores.same(i), queued,
                result.getTimings().getEventToResultMs());
        metrics.published(pair, result);
    }

    /** Forwards a dead letter for {@code raw}: its original bytes, the error kind and message. */
    void deadLetter(BufferedRecord raw, String kind, String message) {
        var letter = Results.deadLetter(raw, kind, message, clock.getAsLong());
        context.forward(new Record<>(raw.key(), (Object) letter, raw.timestamp()), StreamNames.DEAD_LETTER_SINK);
        metrics.deadLetter(kind);
    }
}
