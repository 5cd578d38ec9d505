package io.siamese.encoder.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Distinct unordered pairs of distinct images, for evaluation: every such pair when there are no
 * more than asked for, else a seeded sample without repetition, half same-class and half
 * different-class where the data allows. No image is paired with itself and no pair occurs twice,
 * so every scored pair is new evidence.
 *
 * @param pairs the chosen pairs, {@code left < right}, same-class pairs first
 * @param sameAvailable distinct same-class pairs in the dataset
 * @param differentAvailable distinct different-class pairs in the dataset
 */
public record DistinctPairs(List<Pair> pairs, long sameAvailable, long differentAvailable) {

    /**
     * Chooses up to {@code wanted} distinct pairs.
     *
     * @param images the dataset; needs at least two images
     * @param wanted the most pairs to return, positive
     * @param seed the random seed of the sample (unused when every pair is taken)
     * @return every distinct pair if there are at most {@code wanted}, else exactly {@code wanted}
     */
    public static DistinctPairs choose(LabelledImages images, long wanted, long seed) {
        Objects.requireNonNull(images, "images");
        if (wanted <= 0) {
            throw new IllegalArgumentException("pair count must be positive, got " + wanted);
        }
        if (images.size() < 2) {
            throw new IllegalArgumentException("distinct pairs need at least 2 images; "
                    + images.description() + " has " + images.size());
        }
        ClassIndex classes = ClassIndex.of(images);
        Population same = Population.same(classes);
        Population different = Population.different(classes);
        long sameTake = Math.min(same.size(), (wanted + 1) / 2);
        long differentTake = Math.min(different.size(), wanted - sameTake);
        // Whatever one class of pairs cannot supply, the other makes up as far as it can.
        sameTake = Math.min(same.size(), wanted - differentTake);
        SplittableRandom random = new SplittableRandom(seed);
        List<Pair> pairs = new ArrayList<>(Math.toIntExact(sameTake + differentTake));
        same.addSample(sameTake, random, Pair.SAME, pairs);
        different.addSample(differentTake, random, Pair.DIFFERENT, pairs);
        return new DistinctPairs(List.copyOf(pairs), same.size(), different.size());
    }

    /** Whether every distinct pair of the dataset was taken. */
    public boolean complete() {
        return pairs.size() == sameAvailable + differentAvailable;
    }

    /**
     * All pairs {@code (p, q)}, {@code p < q}, of positions in {@link ClassIndex}'s class-sorted
     * order whose partner lies in {@code [firstPartner(p), lastPartner(p))}: for same-class pairs
     * the rest of p's class, for different-class pairs every later class. Pairs are numbered
     * position by position, so pair k decodes with one binary search over the running counts.
     */
    private static final class Population {
        private final int[] byClass;
        private final int[] firstPartner;
        private final int[] endPartner;
        private final long[] before;

        private Population(int[] byClass, int[] firstPartner, int[] endPartner) {
            this.byClass = byClass;
            this.firstPartner = firstPartner;
            this.endPartner = endPartner;
            this.before = new long[byClass.length + 1];
            for (int p = 0; p < byClass.length; p++) {
                before[p + 1] = before[p] + (endPartner[p] - firstPartner[p]);
            }
        }

        static Population same(ClassIndex classes) {
            int[] byClass = byClass(classes);
            int[] classEnd = classEnds(classes, byClass);
            int[] first = new int[byClass.length];
            for (int p = 0; p < first.length; p++) {
                first[p] = p + 1;
            }
            return new Population(byClass, first, classEnd);
        }

        static Population different(ClassIndex classes) {
            int[] byClass = byClass(classes);
            int[] end = new int[byClass.length];
            Arrays.fill(end, byClass.length);
            return new Population(byClass, classEnds(classes, byClass), end);
        }

        long size() {
            return before[byClass.length];
        }

        /** Adds {@code take} distinct pairs, in ascending pair number. */
        void addSample(long take, SplittableRandom random, int label, List<Pair> out) {
            for (long k : sampleWithoutRepetition(size(), take, random)) {
                int p = lastPositionStartingAtOrBefore(k);
                int q = firstPartner[p] + (int) (k - before[p]);
                int a = byClass[p];
                int b = byClass[q];
                out.add(new Pair(Math.min(a, b), Math.max(a, b), label));
            }
        }

        /** The largest p with {@code before[p] <= k}: positions with no partners are skipped. */
        private int lastPositionStartingAtOrBefore(long k) {
            int low = 0;
            int high = byClass.length - 1;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (before[mid] <= k) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low;
        }

        private static int[] byClass(ClassIndex classes) {
            int[] order = new int[classes.size()];
            int at = 0;
            for (int c = 0; c < classes.numClasses(); c++) {
                int[] members = classes.indicesOf(c);
                System.arraycopy(members, 0, order, at, members.length);
                at += members.length;
            }
            return order;
        }

        /** For each position, one past the last position of its class. */
        private static int[] classEnds(ClassIndex classes, int[] byClass) {
            int[] end = new int[byClass.length];
            int p = byClass.length - 1;
            while (p >= 0) {
                int label = classes.labelOf(byClass[p]);
                int last = p + 1;
                while (p >= 0 && classes.labelOf(byClass[p]) == label) {
                    end[p--] = last;
                }
            }
            return end;
        }
    }

    /**
     * {@code take} distinct numbers from {@code [0, size)}, ascending: all of them when
     * {@code take >= size}, else Floyd's algorithm (one draw per number, no rejection loop).
     */
    static long[] sampleWithoutRepetition(long size, long take, SplittableRandom random) {
        if (take >= size) {
            long[] all = new long[Math.toIntExact(size)];
            Arrays.setAll(all, i -> i);
            return all;
        }
        LinkedHashSet<Long> chosen = new LinkedHashSet<>();
        for (long j = size - take; j < size; j++) {
            long t = random.nextLong(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        long[] sorted = chosen.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
