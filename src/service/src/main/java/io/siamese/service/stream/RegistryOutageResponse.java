package io.siamese.service.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the service does while the schema registry is away: pauses its stream threads, so no more pairs are
 * taken in than are already held (they keep polling and committing, so the group does not rebalance), and
 * resumes them when it answers again. Exposes {@code siamese_registry_available} (1 or 0) and
 * {@code siamese_registry_outages_total}; readiness says the same ({@code RegistryReadinessCheck}).
 */
@Startup
@ApplicationScoped
public class RegistryOutageResponse implements RegistryOutage.Listener {

    private final Instance<KafkaStreams> streams;
    private final Counter outages;

    RegistryOutageResponse(RegistryOutage outage, Instance<KafkaStreams> streams, MeterRegistry registry) {
        this.streams = streams;
        Gauge.builder("siamese.registry.available", outage, o -> o.isDown() ? 0 : 1)
                .description("1 while the schema registry answers, 0 while pairs are held for it").register(registry);
        this.outages = Counter.builder("siamese.registry.outages")
                .description("Schema registry outages that held pairs").register(registry);
        outage.addListener(this);
    }

    @Override
    public void down(String reason) {
        outages.increment();
        if (streams.isResolvable()) {
            streams.get().pause();
        }
    }

    @Override
    public void up(Duration lasted) {
        if (streams.isResolvable()) {
            streams.get().resume();
        }
    }
}
