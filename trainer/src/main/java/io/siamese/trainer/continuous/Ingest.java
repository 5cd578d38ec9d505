package io.siamese.trainer.continuous;

import io.siamese.trainer.continuous.LabelledPairSource.Item;
import java.util.List;

/**
 * Files polled records into the pair stores: the holdout slice into the holdout store, the rest into the
 * training store; unusable records (unreadable, bad label, images the serving preprocessing cannot decode)
 * are reported and skipped, and re-deliveries of stored pairs are counted, not stored twice.
 */
final class Ingest {

    /**
     * What one batch of records came to.
     *
     * @param stored pairs newly stored
     * @param trainingLabels of which in the training store (they drive the retraining trigger)
     * @param skipped records that could not be used
     * @param duplicates pairs held already
     */
    record Counts(long stored, long trainingLabels, long skipped, long duplicates) {}

    private final HoldoutSplit split;
    private final PairDecoding decoding;
    private final PairStore training;
    private final PairStore holdout;
    private final TrainerListener listener;

    Ingest(HoldoutSplit split, PairDecoding decoding, PairStore training, PairStore holdout,
            TrainerListener listener) {
        this.split = split;
        this.decoding = decoding;
        this.training = training;
        this.holdout = holdout;
        this.listener = listener;
    }

    /** Stores a batch; every pair stored is on disk when this returns. */
    Counts store(List<Item> items) {
        long stored = 0;
        long trainingLabels = 0;
        long skipped = 0;
        long duplicates = 0;
        for (Item item : items) {
            StoredPair pair;
            String problem = item.error();
            try {
                pair = problem == null ? StoredPair.of(item.key(), item.value()) : null;
            } catch (IllegalArgumentException | NullPointerException e) {
                pair = null;
                problem = "invalid labelled pair: " + e.getMessage();
            }
            if (pair != null) {
                problem = decoding.problem(pair);
            }
            if (problem != null) {
                skipped++;
                listener.pairSkipped(item.key(), problem);
                continue;
            }
            boolean held = split.sliceOf(pair.pairId()) == HoldoutSplit.Slice.HOLDOUT;
            if ((held ? holdout : training).put(pair)) {
                stored++;
                trainingLabels += held ? 0 : 1;
            } else {
                duplicates++;
            }
        }
        return new Counts(stored, trainingLabels, skipped, duplicates);
    }
}
