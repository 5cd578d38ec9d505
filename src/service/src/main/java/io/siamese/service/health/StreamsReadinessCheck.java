package io.siamese.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once Kafka Streams has been RUNNING (partitions assigned, state restored): before that a pair
 * published now would wait for the group to form, which a caller would see as latency. Once it has run,
 * the instance stays ready through rebalances (REBALANCING): every replica rebalances at once, and were
 * they all unready then, {@code /api/v1/verify} would have no endpoint for the second or two it lasts.
 * A broker that does not answer is reported by Kafka Streams' own topics check.
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {

    private final Instance<KafkaStreams> streams;
    private volatile boolean hasRun;

    StreamsReadinessCheck(Instance<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        if (!streams.isResolvable()) {
            return HealthCheckResponse.named("kafka-streams").down().withData("state", "not created").build();
        }
        KafkaStreams.State state = streams.get().state();
        hasRun |= state == KafkaStreams.State.RUNNING;
        return HealthCheckResponse.named("kafka-streams").status(isReady(state, hasRun))
                .withData("state", state.name()).build();
    }

    /** RUNNING, or REBALANCING after having run. */
    static boolean isReady(KafkaStreams.State state, boolean hasRun) {
        return state == KafkaStreams.State.RUNNING || (hasRun && state == KafkaStreams.State.REBALANCING);
    }
}
