package io.siamese.service.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP siamese_trainer_loss Training loss of the last step
            # TYPE siamese_trainer_loss gauge
            siamese_trainer_loss{run="a b",note="x}y"} 0.4321 1712345678000
            siamese_trainer_loss_total 99
            siamese_trainer_epoch 3
            siamese_trainer_broken not-a-number
            siamese_trainer_best +Inf
            jvm_memory_used_bytes 123
            """;

    @Test
    void shouldReadTheFirstSampleOfAGaugeWithLabelsHoldingBracesAndSpaces() {
        assertEquals(0.4321, PrometheusText.first(TEXT, "siamese_trainer_loss"));
        assertNull(PrometheusText.first(TEXT, "siamese_trainer_missing"));
    }

    @Test
    void shouldListSamplesByPrefixSkippingUnreadableValues() {
        Map<String, Double> all = PrometheusText.samples(TEXT, "siamese_trainer_", 10);
        assertEquals(4, all.size(), all.toString());
        assertEquals(3.0, all.get("siamese_trainer_epoch"));
        assertEquals(Double.POSITIVE_INFINITY, all.get("siamese_trainer_best"));
    }
}
