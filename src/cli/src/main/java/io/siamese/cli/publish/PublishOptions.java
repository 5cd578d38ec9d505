package io.siamese.cli.publish;

import java.util.Objects;

/**
 * What a {@link PairPublisher} sends.
 *
 * @param count           number of pairs; 0 keeps publishing until stopped
 * @param ratePerSecond   pairs per second; 0 sends as fast as the broker accepts
 * @param seed            seed of pair sampling and corruption, for reproducible runs
 * @param corruptFraction share of pairs, in [0, 1], that are broken in one of the {@link Corruption} ways
 * @param labelled        true to send LabelledPair records to labelled-pairs instead of ImagePair to image-pairs
 * @param runId           part of every pair id ({@code p-<runId>-<n>}), unique per run
 */
public record PublishOptions(long count, double ratePerSecond, long seed, double corruptFraction, boolean labelled,
                             String runId) {

    /** Validates the options. */
    public PublishOptions {
        if (count < 0) {
            throw new IllegalArgumentException("pair count must not be negative, got " + count);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0 (0 = unlimited), got "
                    + ratePerSecond);
        }
        if (!(corruptFraction >= 0 && corruptFraction <= 1)) {
            throw new IllegalArgumentException("corrupt fraction must be in [0, 1], got " + corruptFraction);
        }
        Objects.requireNonNull(runId, "runId");
    }

    /** @return a run id from the current time in base 36, short and unique enough for ids like p-lx3k9a-17 */
    public static String newRunId() {
        return Long.toString(System.currentTimeMillis(), Character.MAX_RADIX);
    }
}
