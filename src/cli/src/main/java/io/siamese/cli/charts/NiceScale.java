package io.siamese.cli.charts;

import java.util.Locale;

/**
 * Axis range and tick spacing rounded to "nice" numbers (1, 2 or 5 times a power of ten).
 *
 * <p>Ticks at round values are what makes a chart readable at a glance; this is the classic
 * Heckbert "nice numbers for graph labels" method.
 */
final class NiceScale {

    final double min;
    final double max;
    final double spacing;

    private NiceScale(double min, double max, double spacing) {
        this.min = min;
        this.max = max;
        this.spacing = spacing;
    }

    /**
     * Covers {@code [low, high]} with at most about {@code maxTicks} round ticks.
     * A zero-width range is widened so a single value still gets a usable axis.
     */
    static NiceScale of(double low, double high, int maxTicks) {
        if (!(Double.isFinite(low) && Double.isFinite(high))) {
            low = 0;
            high = 1;
        }
        if (high < low) {
            double swap = low;
            low = high;
            high = swap;
        }
        if (high == low) {
            double pad = low == 0 ? 0.5 : Math.abs(low) * 0.1;
            low -= pad;
            high += pad;
        }
        double range = nice(high - low, false);
        double spacing = nice(range / Math.max(1, maxTicks - 1), true);
        double niceMin = Math.floor(low / spacing) * spacing;
        double niceMax = Math.ceil(high / spacing) * spacing;
        return new NiceScale(niceMin, niceMax, spacing);
    }

    /** Number of ticks from {@link #min} to {@link #max} inclusive. */
    int tickCount() {
        return (int) Math.round((max - min) / spacing) + 1;
    }

    /** Value of tick {@code i}, computed from the index so rounding errors do not accumulate. */
    double tick(int i) {
        return min + i * spacing;
    }

    /** Formats a tick value with just enough decimals for the spacing. */
    String format(double value) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(spacing) + 1e-9));
        if (Math.abs(value) < spacing * 1e-6) {
            value = 0; // avoid printing "-0.0" for a tick that is zero up to rounding
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static double nice(double value, boolean round) {
        double exponent = Math.floor(Math.log10(value));
        double fraction = value / Math.pow(10, exponent);
        double niceFraction;
        if (round) {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        }
        return niceFraction * Math.pow(10, exponent);
    }
}
