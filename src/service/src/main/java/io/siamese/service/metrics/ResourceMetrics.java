package io.siamese.service.metrics;

import ai.djl.util.cuda.CudaUtils;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.quarkus.runtime.StartupEvent;
import io.siamese.service.model.ModelService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.siamese.schemas.DeadLetterKinds;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics beyond the pipeline's own: which model version is served ({@code siamese_model_info}),
 * resident (native + heap) memory and GPU memory when on a GPU, and the JIT compiler's time
 * ({@code jvm_compilation_time_ms_total}: a benchmark reads it to show its warm-up was long enough; Quarkus does
 * not bind it). Kafka Streams and client metrics
 * (consumer lag among them) come from Quarkus' Micrometer Kafka binder. Swap and rejection
 * counters are registered at start so they read 0 before the first event.
 */
@ApplicationScoped
public class ResourceMetrics {

    private final MeterRegistry registry;
    private final ModelService models;
    private final Set<String> versionsSeen = ConcurrentHashMap.newKeySet();

    ResourceMetrics(MeterRegistry registry, ModelService models) {
        this.registry = registry;
        this.models = models;
    }

    void start(@Observes StartupEvent ev) {
        new JvmCompilationMetrics().bindTo(registry);
        registry.counter("siamese.model.swaps");
        registry.counter("siamese.model.rejected");
        // Every dead-letter reason reads 0 from the start, so an alert on increase() sees the first one.
        for (String kind : DeadLetterKinds.ALL) {
            registry.counter("siamese.dead.letters", "reason", kind);
        }
        Gauge.builder("siamese.process.resident.memory", ResourceMetrics::residentBytes)
                .description("Resident memory of the process (heap and native)").baseUnit("bytes").register(registry);
        if (models.device().isGpu()) {
            Gauge.builder("siamese.gpu.memory.used", () -> CudaUtils.getGpuMemory(models.device()).getCommitted())
                    .description("GPU memory in use").baseUnit("bytes").register(registry);
        }
        trackVersion(models.current().version());
    }

    /** Adds the info gauge of a version: 1 while it is served, 0 after. */
    public void trackVersion(String version) {
        if (versionsSeen.add(version)) {
            Gauge.builder("siamese.model.info", () -> version.equals(models.current().version()) ? 1 : 0)
                    .description("1 for the model version being served").tag("version", version).register(registry);
        }
    }

    private static double residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
