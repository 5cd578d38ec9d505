package io.siamese.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless Kafka Streams has failed for good (ERROR, or on its way there): a restart is the cure only
 * then. Waiting for the broker or for the input topic (CREATED), or a rebalance, is not a reason to restart:
 * the instance waits and readiness says why. This replaces the Kafka Streams extension's liveness check
 * (disabled in application.properties), which is DOWN until the stream first runs and so made a slow broker
 * restart the pod over and over.
 */
@Liveness
@ApplicationScoped
public class StreamsLivenessCheck implements HealthCheck {

    private final Instance<KafkaStreams> streams;

    StreamsLivenessCheck(Instance<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        if (!streams.isResolvable()) {
            return HealthCheckResponse.named("kafka-streams-alive").up().withData("state", "not created").build();
        }
        KafkaStreams.State state = streams.get().state();
        return HealthCheckResponse.named("kafka-streams-alive").status(isAlive(state))
                .withData("state", state.name()).build();
    }

    /** Every state but ERROR and PENDING_ERROR. */
    static boolean isAlive(KafkaStreams.State state) {
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    }
}
