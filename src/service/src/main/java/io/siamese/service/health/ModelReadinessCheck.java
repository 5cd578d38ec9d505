package io.siamese.service.health;

import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.CheckpointFollower;
import io.siamese.service.model.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a model is loaded (Kafka Streams' own checks cover the stream state). */
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
        if (!follower.caughtUp()) {
            // On start the newest accepted checkpoint is served: not ready until the topic is read.
            return HealthCheckResponse.named("model").down().withData("reason", "reading the checkpoint topic").build();
        }
        return HealthCheckResponse.named("model").up().withData("version", m.version())
                .withData("architecture", m.architecture()).build();
    }
}
