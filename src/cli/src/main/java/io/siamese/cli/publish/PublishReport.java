package io.siamese.cli.publish;

import java.util.Map;

/**
 * What a {@link PairPublisher} run sent; counts are of records the broker acknowledged.
 *
 * @param topic          the topic written to
 * @param valid          valid pairs
 * @param corrupt        broken pairs
 * @param corruptByKind  broken pairs per kind
 * @param seconds        duration of the run
 */
public record PublishReport(String topic, long valid, long corrupt, Map<Corruption, Long> corruptByKind,
                            double seconds) {

    /** Copies the map. */
    public PublishReport {
        corruptByKind = Map.copyOf(corruptByKind);
    }

    /** @return valid plus corrupt */
    public long total() {
        return valid + corrupt;
    }

    /** @return pairs per second over the run, 0 for an empty run */
    public double pairsPerSecond() {
        return seconds > 0 ? total() / seconds : 0;
    }
}
