package io.siamese.service.stream;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Decision;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Timings;
import io.siamese.service.model.BatchScores;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Builds the output events: one result per scored pair, one dead letter per rejected record. */
public final class Results {

    private Results() {}

    /**
     * The result of pair {@code i} of a scored batch.
     *
     * @param pair the input event
     * @param scores the batch's scores
     * @param i index in the batch
     * @param queuedMillis how long the pair waited before its batch started
     * @param nowMillis time the result is produced
     */
    public static PairDissimilarity result(ImagePair pair, BatchScores scores, int i, long queuedMillis, long nowMillis) {
        long eventTime = pair.getEventTime() == null ? nowMillis : pair.getEventTime().toEpochMilli();
        PairDissimilarity.Builder b = PairDissimilarity.newBuilder()
                .setPairId(pair.getPairId())
                .setDistance(scores.distances()[i])
                .setMetric(scores.model().distance())
                .setThreshold(scores.model().threshold())
                .setDecision(scores.same(i) ? Decision.SAME : Decision.DIFFERENT)
                .setModelVersion(scores.model().version())
                .setTimings(Timings.newBuilder()
                        .setEventToResultMs(Math.max(0, nowMillis - eventTime))
                        .setQueuedMs(Math.max(0, queuedMillis))
                        .setBatchInferenceMs(scores.inferenceNanos() / 1_000_000)
                        .setBatchSize(scores.distances().length)
                        .build())
                .setLabel(label(pair))
                .setTraceId(pair.getTraceId())
                .setEventTime(eventTime)
                .setMetadata(pair.getMetadata() == null ? new HashMap<>() : new HashMap<>(pair.getMetadata()));
        if (Boolean.TRUE.equals(pair.getIncludeEmbeddings())) {
            b.setLeftEmbedding(toList(scores.leftEmbeddings()[i])).setRightEmbedding(toList(scores.rightEmbeddings()[i]));
        }
        return b.build();
    }

    /** The known label from metadata {@code "label"} (0 same, 1 different), or null. */
    static Integer label(ImagePair pair) {
        String label = pair.getMetadata() == null ? null : pair.getMetadata().get("label");
        if ("0".equals(label)) {
            return 0;
        }
        return "1".equals(label) ? 1 : null;
    }

    /** The dead letter of a record that could not be scored. */
    public static DeadLetter deadLetter(BufferedRecord r, String kind, String message, long nowMillis) {
        return DeadLetter.newBuilder()
                .setSourceTopic(r.topic())
                .setPartition(r.partition())
                .setOffset(r.offset())
                .setKey(r.key() == null ? null : ByteBuffer.wrap(r.key()))
                .setValue(r.value() == null ? null : ByteBuffer.wrap(r.value()))
                .setErrorKind(kind)
                .setErrorMessage(message)
                .setFailedAt(Instant.ofEpochMilli(nowMillis))
                .build();
    }

    private static List<Float> toList(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return out;
    }
}
