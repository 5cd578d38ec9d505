package io.siamese.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING (partitions assigned, state restored): before that a
 * pair published now would wait for the group to form, which a caller would see as latency.
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {

    private final Instance<KafkaStreams> streams;

    StreamsReadinessCheck(Instance<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        if (!streams.isResolvable()) {
            return HealthCheckResponse.named("kafka-streams").down().withData("state", "not created").build();
        }
        KafkaStreams.State state = streams.get().state();
        return HealthCheckResponse.named("kafka-streams").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
