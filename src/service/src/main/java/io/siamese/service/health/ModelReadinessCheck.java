package io.siamese.service.health;

import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.CheckpointFollower;
import io.siamese.service.model.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while a model is loaded and, with checkpoint following on, once the checkpoint topic was read to
 * its end (the newest accepted checkpoint is served). Until then the reason says what the follower is
 * doing, e.g. "checkpoint follower: broker unreachable since ..., retrying". Once caught up the instance
 * stays ready while the follower retries (the model it serves is still valid); the data says so.
 * Kafka Streams' own checks cover the stream state.
 */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final BatchEncoder encoder;
    private final CheckpointFollower follower;

    ModelReadinessCheck(BatchEncoder encoder, CheckpointFollower follower) {
        this.encoder = encoder;
        this.follower = follower;
    }

    @Override
    public HealthCheckResponse call() {
        ServedModel m;
        try {
            m = encoder.current();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("model").down().withData("error", String.valueOf(e.getMessage())).build();
        }
        String following = "checkpoint follower: " + follower.health().map(h -> h.describe()).orElse("starting");
        if (!follower.caughtUp()) {
            return HealthCheckResponse.named("model").down().withData("reason", following).build();
        }
        var up = HealthCheckResponse.named("model").up().withData("version", m.version())
                .withData("architecture", m.architecture());
        return (follower.lifecycle().isPresent() ? up.withData("checkpoints", following) : up).build();
    }
}
