package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TrainerMetricsTest {

    @Test
    void servesPrometheusTextWithTheTrainersCountersAndGauges() throws Exception {
        AtomicReference<TrainerState> state = new AtomicReference<>(
                TrainerState.fresh(0).withIngested(120, 3, 0, 100).withRound(true, "m-1", 0.5, 640));
        try (TrainerMetrics metrics = new TrainerMetrics(0, state::get)) {
            metrics.set("siamese.trainer.holdout.accuracy", Map.of("model", "candidate"), 0.875);
            metrics.set("siamese.trainer.pair.store.size", Map.of("slice", "train"), 42);
            state.set(state.get().withIngested(5, 0, 0, 5));

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metrics.port() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            String body = response.body();
            for (String expected : new String[] {"siamese_trainer_pairs_seen_total 125.0",
                "siamese_trainer_promotions_total 1.0", "siamese_trainer_rejections_total 0.0",
                "siamese_trainer_holdout_accuracy{model=\"candidate\"} 0.875",
                "siamese_trainer_holdout_auc{model=\"serving\"} NaN",
                "siamese_trainer_pair_store_size{slice=\"train\"} 42.0", "siamese_trainer_loss ",
                "process_start_time_seconds ", "process_uptime_seconds ", "jvm_memory_used_bytes{"}) {
                assertTrue(body.contains(expected), expected + " in:\n" + body);
            }
        }
    }
}
