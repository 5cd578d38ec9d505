package io.siamese.service.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.service.model.ServedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pipeline's series stay bounded in number, and its latency histograms resolve a backlog's latencies. */
class PipelineMetricsBoundsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerStreamMetrics metrics = new MicrometerStreamMetrics(registry);

    private static ServedModel model(String version) {
        return new ServedModel(version, "compact", "euclidean", 1.0, new Preprocessing(32, 32, false), "/models/" + version);
    }

    private Set<String> versionsIn(String meter) {
        return registry.find(meter).meters().stream().map(m -> m.getId().getTag("model_version"))
                .collect(Collectors.toSet());
    }

    @Test
    void shouldKeepTheSeriesOfOnlyTheLastTwoModelVersions() {
        for (String version : new String[] {"v1", "v2", "v3", "v4"}) {
            metrics.result(model(version), 0.5, true, 1, 10);
            metrics.result(model(version), 1.5, false, 1, 10);
        }

        assertEquals(Set.of("v3", "v4"), versionsIn("siamese.results"));
        assertEquals(Set.of("v3", "v4"), versionsIn("siamese.distance"));
        assertEquals(2.0, registry.get("siamese.results").tag("model_version", "v4").counters().stream()
                .mapToDouble(c -> c.count()).sum());
    }

    @Test
    void shouldKeepAVersionThatIsServedAgainAfterARollback() {
        metrics.result(model("v1"), 0.5, true, 1, 10);
        metrics.result(model("v2"), 0.5, true, 1, 10);
        metrics.result(model("v1"), 0.5, true, 1, 10); // rolled back
        metrics.result(model("v3"), 0.5, true, 1, 10);

        assertEquals(Set.of("v1", "v3"), versionsIn("siamese.results"));
    }

    @Test
    void shouldResolveLatenciesOfABacklogBeyondThirtySeconds() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MicrometerStreamMetrics(prometheus).result(model("v1"), 0.5, true, 9 * 60_000, 10 * 60_000); // 10 min behind

        List<Double> bounds = new ArrayList<>();
        double holding = Double.NaN; // the smallest bucket that counts the pair
        Matcher m = Pattern.compile("siamese_pair_latency_seconds_bucket\\{le=\"([0-9.E+]+)\"} ([0-9.]+)")
                .matcher(prometheus.scrape());
        while (m.find()) {
            double le = Double.parseDouble(m.group(1));
            bounds.add(le);
            if (Double.isNaN(holding) && Double.parseDouble(m.group(2)) > 0) {
                holding = le;
            }
        }
        double top = bounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(top >= 3600, "the histogram reaches an hour, got " + top + " s");
        // Ten minutes lands below the top bucket, so p99 still moves during a long backlog.
        assertTrue(holding >= 600 && holding < top, "ten minutes counted at the " + holding + " s bucket");
    }
}
