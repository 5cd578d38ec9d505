package io.siamese.cli.publish;

/** Told about every pair the broker has acknowledged; called on the producer's I/O thread, so keep it quick. */
@FunctionalInterface
public interface PublishListener {

    /** A listener that ignores everything. */
    PublishListener NONE = (pairId, broken) -> { };

    /**
     * @param pairId the pair's id (and record key)
     * @param broken how it was broken, or null for a valid pair
     */
    void published(String pairId, Corruption broken);
}
