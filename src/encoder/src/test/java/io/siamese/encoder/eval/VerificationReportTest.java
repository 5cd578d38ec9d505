package io.siamese.encoder.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.eval.VerificationReport.Estimate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VerificationReportTest {

    /** Same pairs near 0.3, different pairs near 0.7, both with spread 0.2: overlapping classes. */
    private static VerificationReport noisy(int pairs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] distances = new double[pairs];
        int[] labels = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            labels[i] = i % 2;
            distances[i] = (labels[i] == 0 ? 0.3 : 0.7) + 0.2 * random.nextGaussian();
        }
        return VerificationReport.compute(distances, labels, 0.5, 500, 11);
    }

    private static void assertContainsValue(Estimate e) {
        assertTrue(e.low() <= e.value() && e.value() <= e.high(), e.toString());
    }

    @Test
    void shouldReadTrueAcceptRateAtTheLoosestThresholdWithinTheFalseAcceptRate() {
        // 100 different pairs at 1.0..100.0; 10 same pairs at 0.5, 1.5, ..., 9.5.
        double[] distances = new double[110];
        int[] labels = new int[110];
        for (int i = 0; i < 100; i++) {
            distances[i] = i + 1;
            labels[i] = SortedPairs.DIFFERENT;
        }
        for (int i = 0; i < 10; i++) {
            distances[100 + i] = i + 0.5;
            labels[100 + i] = SortedPairs.SAME;
        }
        SortedPairs sorted = SortedPairs.of(distances, labels, true);
        assertEquals(0.2, TrueAcceptRate.at(sorted, 1e-2), 1e-12, "one false accept allowed: same pairs below 2.0");
        assertEquals(0.4, TrueAcceptRate.at(sorted, 3e-2), 1e-12, "three allowed: below 4.0");
        assertEquals(0.0, TrueAcceptRate.at(SortedPairs.of(new double[] {1, 1}, new int[] {0, 1}, true), 1e-2), 1e-12,
                "a tie with a different pair is not accepted");
        assertTrue(TrueAcceptRate.resolvable(100, 1e-2));
        assertFalse(TrueAcceptRate.resolvable(99, 1e-2));
    }

    @Test
    void shouldReportTarAsUnavailableWithTooFewDifferentPairs() {
        VerificationReport report = noisy(400, 1);
        assertTrue(report.tarAtFar().get(0).tar().available(), "200 different pairs resolve 1e-2");
        assertFalse(report.tarAtFar().get(1).tar().available(), "200 different pairs do not resolve 1e-3");
    }

    @Test
    void shouldBracketEveryPointEstimate() {
        VerificationReport report = noisy(4_000, 2);
        assertContainsValue(report.accuracy());
        assertContainsValue(report.auc());
        assertContainsValue(report.eer());
        report.tarAtFar().forEach(point -> assertContainsValue(point.tar()));
    }

    @Test
    void shouldNarrowIntervalsWithMorePairs() {
        VerificationReport few = noisy(400, 3);
        VerificationReport many = noisy(40_000, 3);
        assertTrue(width(many.accuracy()) < width(few.accuracy()) / 3, few.accuracy() + " vs " + many.accuracy());
        assertTrue(width(many.auc()) < width(few.auc()) / 3, few.auc() + " vs " + many.auc());
        assertTrue(width(many.eer()) < width(few.eer()) / 3, few.eer() + " vs " + many.eer());
    }

    @Test
    void shouldGiveTheSameIntervalsForTheSameSeed() {
        assertEquals(noisy(1_000, 4).auc(), noisy(1_000, 4).auc());
        assertEquals(noisy(1_000, 4).tarAtFar(), noisy(1_000, 4).tarAtFar());
    }

    @Test
    void shouldMatchTheUnweightedFiguresWhenEveryPairCountsOnce() {
        VerificationReport report = noisy(1_000, 5);
        assertEquals(report.metrics().auc(), report.auc().value());
        assertEquals(report.metrics().eer(), report.eer().value());
    }

    @Test
    void shouldBootstrapTenThousandPairsQuickly() {
        long started = System.nanoTime();
        VerificationReport report = noisy(10_000, 6);
        double seconds = (System.nanoTime() - started) / 1e9;
        // 500 resamples here; the CLI's 1000 take about twice as long. Generous for a busy machine.
        assertTrue(seconds < 5, "bootstrap took " + seconds + " s");
        assertEquals(10_000, report.metrics().pairs());
    }

    private static double width(Estimate e) {
        return e.high() - e.low();
    }
}
