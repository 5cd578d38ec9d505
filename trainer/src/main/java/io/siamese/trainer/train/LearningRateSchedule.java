package io.siamese.trainer.train;

/**
 * The learning rate as a function of how far training has come: a linear warm-up from a tenth of
 * the peak over the first {@code warmupFraction} of the run, then a half cosine down to zero at the
 * end (Loshchilov and Hutter's SGDR without restarts). {@link #constant} is the seed's fixed rate.
 * Progress is a fraction of the run's budget (time, steps or epochs, whichever ends it first), so the
 * decay lands on the end of a time-budgeted run as well.
 *
 * @param peak the rate reached after the warm-up
 * @param warmupFraction share of the run spent warming up, in [0, 1)
 * @param cosine whether the rate decays after the warm-up; false keeps it at the peak
 */
public record LearningRateSchedule(float peak, double warmupFraction, boolean cosine) {

    /** Where the warm-up starts, relative to the peak: a fraction, not zero, so the first steps move. */
    private static final double WARMUP_START = 0.1;

    /** Validates ranges. */
    public LearningRateSchedule {
        if (!(peak > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + peak);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warm-up fraction must be in [0, 1), got " + warmupFraction);
        }
    }

    /** A fixed rate: no warm-up, no decay. */
    public static LearningRateSchedule constant(float rate) {
        return new LearningRateSchedule(rate, 0, false);
    }

    /** Warm-up over {@code warmupFraction} of the run, then cosine decay to zero. */
    public static LearningRateSchedule warmupCosine(float peak, double warmupFraction) {
        return new LearningRateSchedule(peak, warmupFraction, true);
    }

    /**
     * @param progress how much of the run is done, 0 at the start and 1 at the end (clamped)
     * @return the learning rate to use now
     */
    public float rate(double progress) {
        double p = Math.min(1, Math.max(0, progress));
        if (p < warmupFraction) {
            return (float) (peak * (WARMUP_START + (1 - WARMUP_START) * p / warmupFraction));
        }
        if (!cosine) {
            return peak;
        }
        double decay = (p - warmupFraction) / (1 - warmupFraction);
        return (float) (peak * 0.5 * (1 + Math.cos(Math.PI * decay)));
    }

    /** For logs and manifests: {@code "constant 0.001"} or {@code "warm-up 5% + cosine from 0.001"}. */
    public String describe() {
        if (!cosine && warmupFraction == 0) {
            return "constant " + peak;
        }
        String warm = warmupFraction > 0 ? String.format("warm-up %.0f%% + ", warmupFraction * 100) : "";
        return warm + (cosine ? "cosine from " : "constant ") + peak;
    }
}
