package io.siamese.service.health;

import io.siamese.service.stream.RegistryOutage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the schema registry is away: pairs are then held, not scored, so a caller would see only
 * latency. The data says since when and why; liveness stays UP, since waiting is the right thing to do.
 */
@Readiness
@ApplicationScoped
public class RegistryReadinessCheck implements HealthCheck {

    private final RegistryOutage outage;

    RegistryReadinessCheck(RegistryOutage outage) {
        this.outage = outage;
    }

    @Override
    public HealthCheckResponse call() {
        return outage.status()
                .map(s -> HealthCheckResponse.named("schema-registry").down()
                        .withData("since", Instant.ofEpochMilli(s.sinceMillis()).toString())
                        .withData("reason", s.reason())
                        .withData("pairs", "held until the registry answers; none are dead-lettered").build())
                .orElseGet(() -> HealthCheckResponse.named("schema-registry").up().build());
    }
}
