package io.siamese.service.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trainer panel's data, polled by hand (no schedule) against a fake trainer. */
class TrainerLossFeedTest {

    @Test
    void shouldSayNoTrainerConnectedWhenNoUrlIsSet() {
        Map<String, Object> snap = new TrainerLossFeed(Optional.empty(), Duration.ofSeconds(5)).snapshot();
        assertEquals(false, snap.get("configured"));
        assertEquals(false, snap.get("connected"));
        assertEquals("no trainer connected", snap.get("status"));
        assertEquals(List.of(), snap.get("loss"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldKeepTheLossHistoryAndTheOtherTrainerGaugesFromEachPoll() {
        try (FakeTrainer trainer = FakeTrainer.start()) {
            TrainerLossFeed metrics = new TrainerLossFeed(Optional.of(trainer.url()), Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) {
                metrics.poll();
            }
            Map<String, Object> snap = metrics.snapshot();
            assertEquals(true, snap.get("connected"));
            assertEquals("connected", snap.get("status"));
            List<Map<String, Object>> loss = (List<Map<String, Object>>) snap.get("loss");
            assertEquals(3, loss.size());
            assertTrue((double) loss.get(2).get("loss") < (double) loss.get(0).get("loss"), loss.toString());
            assertEquals(1.0, ((Map<String, Double>) snap.get("gauges")).get("siamese_trainer_epoch"));
        }
    }

    @Test
    void shouldReportAnUnreachableTrainerWithoutThrowing() {
        TrainerLossFeed metrics = new TrainerLossFeed(Optional.of("http://127.0.0.1:1/metrics"), Duration.ofSeconds(5));
        metrics.poll();
        Map<String, Object> snap = metrics.snapshot();
        assertEquals(false, snap.get("connected"));
        assertTrue(((String) snap.get("status")).contains("ConnectException"), (String) snap.get("status"));
    }
}
