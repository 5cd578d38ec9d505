package io.siamese.service.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent distances of labelled pairs, per model version, for the same/different histograms: a
 * threshold is only as good as the gap between the two. Only pairs whose true label is known
 * count. Fixed memory: {@value #PER_VERSION} samples for each of the last {@value #VERSIONS}
 * versions.
 */
final class DistanceHistograms {

    static final int PER_VERSION = 4096;
    static final int VERSIONS = 4;
    static final int BINS = 30;

    /** One version's ring of (distance, label) samples. */
    private static final class Samples {
        final double[] distance = new double[PER_VERSION];
        final boolean[] different = new boolean[PER_VERSION];
        long added;
    }

    // Access-ordered: the version least recently scored is the one dropped.
    private final LinkedHashMap<String, Samples> versions = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Samples> eldest) {
            return size() > VERSIONS;
        }
    };

    /** Records a labelled pair's distance: label 0 same, 1 different; anything else is ignored. */
    synchronized void add(String version, double distance, Integer label) {
        if (label == null || (label != 0 && label != 1) || !Double.isFinite(distance)) {
            return;
        }
        Samples s = versions.computeIfAbsent(version, v -> new Samples());
        int i = (int) (s.added % PER_VERSION);
        s.distance[i] = distance;
        s.different[i] = label == 1;
        s.added++;
    }

    /**
     * Histograms of the recent labelled distances of {@code version} over shared bins from 0 to
     * past both the largest distance and the threshold, so the threshold line is always drawn.
     */
    Map<String, Object> snapshot(String version, double threshold) {
        double[] distance;
        boolean[] different;
        synchronized (this) {
            Samples s = versions.get(version);
            int n = s == null ? 0 : (int) Math.min(s.added, PER_VERSION);
            distance = n == 0 ? new double[0] : java.util.Arrays.copyOf(s.distance, n);
            different = n == 0 ? new boolean[0] : java.util.Arrays.copyOf(s.different, n);
        }
        double max = Double.isFinite(threshold) ? threshold * 1.25 : 0;
        for (double d : distance) {
            max = Math.max(max, d);
        }
        max = max > 0 ? max * 1.02 : 1.0;
        double width = max / BINS;
        long[] same = new long[BINS];
        long[] diff = new long[BINS];
        int sameCount = 0;
        int correct = 0;
        for (int i = 0; i < distance.length; i++) {
            int bin = Math.min(BINS - 1, Math.max(0, (int) (distance[i] / width)));
            if (different[i]) {
                diff[bin]++;
            } else {
                same[bin]++;
                sameCount++;
            }
            // SAME is decided at or below the threshold, as the service decides it.
            if ((distance[i] <= threshold) != different[i]) {
                correct++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelVersion", version);
        out.put("threshold", threshold);
        out.put("labelled", distance.length);
        out.put("sameCount", sameCount);
        out.put("differentCount", distance.length - sameCount);
        out.put("accuracy", distance.length == 0 ? null : (double) correct / distance.length);
        out.put("binWidth", width);
        out.put("max", max);
        out.put("same", toList(same));
        out.put("different", toList(diff));
        return out;
    }

    private static List<Long> toList(long[] counts) {
        List<Long> out = new ArrayList<>(counts.length);
        for (long c : counts) {
            out.add(c);
        }
        return out;
    }
}
