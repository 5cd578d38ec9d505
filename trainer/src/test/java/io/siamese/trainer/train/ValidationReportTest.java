package io.siamese.trainer.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.eval.VerificationMetrics;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

    private static Validation.Report report(double loss, double accuracy, double eer) {
        VerificationMetrics metrics = new VerificationMetrics(100, accuracy, 0.9, eer, 1.0, 1.0, 50, 5, 45, 0);
        return new Validation.Report(loss, 1.0, metrics);
    }

    @Test
    void shouldPreferTheLowerEqualErrorRateEvenWithAHigherLoss() {
        assertTrue(report(0.40, 0.90, 0.08).betterThan(report(0.20, 0.90, 0.09)));
        assertFalse(report(0.20, 0.95, 0.09).betterThan(report(0.40, 0.90, 0.08)));
    }

    @Test
    void shouldBreakEqualErrorRateTiesByAccuracyThenLoss() {
        assertTrue(report(0.40, 0.91, 0.08).betterThan(report(0.20, 0.90, 0.08)));
        assertTrue(report(0.20, 0.90, 0.08).betterThan(report(0.30, 0.90, 0.08)));
        assertFalse(report(0.30, 0.90, 0.08).betterThan(report(0.30, 0.90, 0.08)));
    }
}
