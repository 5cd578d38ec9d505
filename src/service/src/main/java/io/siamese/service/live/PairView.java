package io.siamese.service.live;

import io.siamese.schemas.PairDissimilarity;

/**
 * A recent pair as the live page shows it: the seed's picture (the two images side by side with
 * their dissimilarity) plus the decision, the true label when known and where the result came from.
 *
 * @param pairId the pair id
 * @param distance the dissimilarity, null when not finite (a broken model), so the JSON stays plain
 * @param decision SAME or DIFFERENT
 * @param label 0 same, 1 different, null when unknown
 * @param modelVersion the model that scored the pair
 * @param latencyMs event time to result
 * @param at when the result was published (epoch milliseconds)
 * @param left thumbnail of the left image as a PNG data URI, null when not previewed
 * @param right thumbnail of the right image as a PNG data URI, null when not previewed
 */
public record PairView(String pairId, Double distance, String decision, Integer label, String modelVersion,
        long latencyMs, long at, String left, String right) {

    /** The view of a published result, thumbnails not yet drawn. */
    static PairView of(PairDissimilarity result, long at) {
        long latency = result.getTimings() == null ? 0 : result.getTimings().getEventToResultMs();
        Double distance = Double.isFinite(result.getDistance()) ? result.getDistance() : null;
        return new PairView(result.getPairId(), distance, String.valueOf(result.getDecision()),
                result.getLabel(), result.getModelVersion(), latency, at, null, null);
    }

    /** The same view with its thumbnails. */
    PairView withThumbnails(String left, String right) {
        return new PairView(pairId, distance, decision, label, modelVersion, latencyMs, at, left, right);
    }
}
