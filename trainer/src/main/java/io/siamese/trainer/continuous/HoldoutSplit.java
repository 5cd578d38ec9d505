package io.siamese.trainer.continuous;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns every pair of the stream, by a hash of its id, to one fixed slice: the holdout (never trained on;
 * candidate and serving model are compared on it), validation (stored with the training pairs but never
 * trained on; the candidate's threshold is calibrated on it) or training. A hash rather than arrival order
 * keeps the assignment identical across restarts, re-deliveries and trainer instances.
 *
 * @param holdoutFraction share of pairs in the holdout, in [0, 1)
 * @param validationFraction share of pairs in the validation slice, in [0, 1)
 */
public record HoldoutSplit(double holdoutFraction, double validationFraction) {

    /** Where a pair belongs. */
    public enum Slice {
        /** Compared on, never trained on. */
        HOLDOUT,
        /** Threshold calibration, never trained on. */
        VALIDATION,
        /** Trained on. */
        TRAIN
    }

    /** Resolution of the hash: slices are multiples of 1/10000. */
    private static final long BUCKETS = 10_000;

    /** Validates the fractions. */
    public HoldoutSplit {
        if (!(holdoutFraction >= 0 && validationFraction >= 0 && holdoutFraction + validationFraction < 1)) {
            throw new IllegalArgumentException("holdout and validation fractions must be >= 0 and leave room for"
                    + " training, got " + holdoutFraction + " and " + validationFraction);
        }
    }

    /**
     * The slice of a pair.
     *
     * @param pairId the pair's id (the record key)
     * @return its slice; always the same for the same id and fractions
     */
    public Slice sliceOf(String pairId) {
        long bucket = bucket(pairId);
        if (bucket < Math.round(holdoutFraction * BUCKETS)) {
            return Slice.HOLDOUT;
        }
        if (bucket < Math.round((holdoutFraction + validationFraction) * BUCKETS)) {
            return Slice.VALIDATION;
        }
        return Slice.TRAIN;
    }

    /** SHA-256 (not String.hashCode, whose low bits cluster for ids like p-run-17) reduced to a bucket. */
    static long bucket(String pairId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pairId.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return Long.remainderUnsigned(value, BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
