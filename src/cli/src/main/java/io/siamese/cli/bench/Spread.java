package io.siamese.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The median and range of repeated measurements. Benchmarks here report this rather than one run:
 * on a shared 2-core machine one pair of runs can differ by more than the effect measured.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values
 */
public record Spread(double median, double min, double max, int count) {

    /** The spread of {@code values}; at least one value. */
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** For example {@code 2.41 [2.10..2.77]} with the given number format for each value. */
    public String format(String valueFormat) {
        return String.format(Locale.ROOT, valueFormat + " [" + valueFormat + ".." + valueFormat + "]", median, min, max);
    }
}
