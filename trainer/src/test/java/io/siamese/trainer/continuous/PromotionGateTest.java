package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.eval.VerificationMetrics;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    /** Metrics with the given accuracy and AUC; the other fields do not matter to the gate. */
    private static VerificationMetrics metrics(double accuracy, double auc) {
        return new VerificationMetrics(200, accuracy, auc, 0.1, 1.0, 1.0, 90, 10, 90, 10);
    }

    private final PromotionGate accuracyGate = new PromotionGate(PromotionGate.Metric.ACCURACY, 0.005);

    @Test
    void promotesACandidateThatBeatsTheServingModelByTheMargin() {
        PromotionGate.Decision d = accuracyGate.decide(metrics(0.800, 0.90), metrics(0.805, 0.85));

        assertTrue(d.promote(), d.reason());
        assertTrue(d.reason().startsWith("holdout accuracy 0.8050 vs serving 0.8000: +0.0050 >= +0.0050"), d.reason());
    }

    @Test
    void refusesAWorseCandidateAndSaysWhy() {
        PromotionGate.Decision d = accuracyGate.decide(metrics(0.90, 0.95), metrics(0.55, 0.40));

        assertFalse(d.promote());
        assertTrue(d.reason().contains("holdout accuracy 0.5500 vs serving 0.9000: -0.3500 < +0.0050 required"),
                d.reason());
        assertTrue(d.reason().contains("AUC 0.4000 vs 0.9500"), d.reason());
    }

    @Test
    void refusesACandidateThatImprovesByLessThanTheMargin() {
        assertFalse(accuracyGate.decide(metrics(0.800, 0.9), metrics(0.804, 0.99)).promote());
    }

    @Test
    void canGateOnAucInstead() {
        PromotionGate auc = new PromotionGate(PromotionGate.Metric.parse("auc"), 0.01);

        assertTrue(auc.decide(metrics(0.9, 0.90), metrics(0.85, 0.92)).promote());
        assertFalse(auc.decide(metrics(0.8, 0.90), metrics(0.95, 0.905)).promote());
    }
}
