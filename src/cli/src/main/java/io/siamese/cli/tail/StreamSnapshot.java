package io.siamese.cli.tail;

import java.util.List;
import java.util.Map;

/**
 * Figures of a {@link StreamStats} at one moment.
 *
 * @param results            results received
 * @param deadLetters        dead letters received
 * @param unreadable         records that could not be read
 * @param accuracy           share of labelled results decided correctly, NaN when none was labelled
 * @param labelled           results whose true label was known
 * @param accuracyByVersion  accuracy per model version, in order of first appearance
 * @param deadLettersByKind  dead letters per errorKind
 * @param latencyMillis      end-to-end latency, eventTime to receipt
 * @param pairsPerSecond     results plus dead letters per second, from the start to the last receipt
 * @param seconds            from the start to the last receipt
 */
public record StreamSnapshot(long results, long deadLetters, long unreadable, double accuracy, long labelled,
                             Map<String, Double> accuracyByVersion, Map<String, Long> deadLettersByKind,
                             LatencyRecorder.Snapshot latencyMillis, double pairsPerSecond, double seconds) {

    /** Copies the maps. */
    public StreamSnapshot {
        accuracyByVersion = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(accuracyByVersion));
        deadLettersByKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(deadLettersByKind));
    }

    /** @return the model versions seen, in order of first appearance */
    public List<String> modelVersions() {
        return List.copyOf(accuracyByVersion.keySet());
    }

    /** @return results plus dead letters */
    public long handled() {
        return results + deadLetters;
    }
}
