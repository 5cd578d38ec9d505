package io.siamese.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.siamese.service.model.ServedModel;
import io.siamese.service.stream.CpuStage;
import io.siamese.service.stream.StreamMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline's Prometheus metrics (served at {@code /q/metrics}), all prefixed {@code siamese_}:
 * flow counters, batch size and timing histograms, and distance histograms per model version.
 *
 * <p>Latency histograms reach {@link #LATENCY_CEILING} (Micrometer's default stops at 30 s, so during a
 * backlog every pair fell in the last bucket and p99 flatlined). Series labelled {@code model_version} are
 * kept for the {@link #MODEL_VERSIONS_KEPT} versions served last: a trainer promotes a model every few
 * minutes, and one set of series per version ever served would grow without bound.
 */
@ApplicationScoped
// Injected by class into PipelineMetrics, the one StreamMetrics bean.
@jakarta.enterprise.inject.Typed(MicrometerStreamMetrics.class)
public class MicrometerStreamMetrics implements StreamMetrics {

    /** The longest latency the pair histograms resolve; longer ones count in the top bucket. */
    static final Duration LATENCY_CEILING = Duration.ofHours(1);
    /** The longest forward pass the inference histogram resolves. */
    static final Duration INFERENCE_CEILING = Duration.ofMinutes(1);
    /** Model versions whose series are kept: the one served and the one before it (a swap's two sides). */
    static final int MODEL_VERSIONS_KEPT = 2;

    private final MeterRegistry registry;
    private final ModelVersionSeries versions;
    private final Counter received;
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Timer queued;
    private final Timer endToEnd;
    private final LongAdder[] stageCpuNanos = new LongAdder[CpuStage.values().length];
    private final LongAdder stageCpuOnStreamThreads = new LongAdder();

    MicrometerStreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("siamese.pairs.received").description("Records read from the input topic")
                .register(registry);
        this.batchSize = DistributionSummary.builder("siamese.batch.size").description("Pairs per scored batch")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
        this.inference = Timer.builder("siamese.batch.inference").description("Forward-pass time per batch")
                .publishPercentileHistogram().maximumExpectedValue(INFERENCE_CEILING).register(registry);
        this.queued = Timer.builder("siamese.pair.queued").description("Time a pair waited before its batch started")
                .publishPercentileHistogram().maximumExpectedValue(LATENCY_CEILING).register(registry);
        this.endToEnd = Timer.builder("siamese.pair.latency")
                .description("End-to-end latency: event time to result").publishPercentileHistogram()
                .maximumExpectedValue(LATENCY_CEILING).register(registry);
        this.versions = new ModelVersionSeries(registry, MODEL_VERSIONS_KEPT, "siamese.results", "siamese.distance");
        for (CpuStage stage : CpuStage.values()) {
            LongAdder nanos = new LongAdder();
            stageCpuNanos[stage.ordinal()] = nanos;
            FunctionCounter.builder("siamese.stage.cpu", nanos, n -> n.sum() / 1e9).baseUnit("seconds")
                    .description("CPU time spent in a stage of the pipeline, on the threads that ran it")
                    .tag("stage", stage.id()).register(registry);
        }
        // What the stages took on the stream threads: the rest of those threads' CPU is Kafka Streams' own.
        FunctionCounter.builder("siamese.stage.cpu.stream.threads", stageCpuOnStreamThreads, n -> n.sum() / 1e9)
                .baseUnit("seconds").description("CPU time of the stages that ran on Kafka Streams' stream threads")
                .register(registry);
        ThreadGroupCpu.register(registry);
    }

    @Override
    public void stageCpu(CpuStage stage, long cpuNanos) {
        if (cpuNanos > 0) {
            stageCpuNanos[stage.ordinal()].add(cpuNanos);
            if (ThreadGroupCpu.Group.of(Thread.currentThread().getName()) == ThreadGroupCpu.Group.STREAM) {
                stageCpuOnStreamThreads.add(cpuNanos);
            }
        }
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void batch(int size, long inferenceNanos) {
        batchSize.record(size);
        inference.record(inferenceNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void result(ServedModel model, double distance, boolean same, long queuedMillis, long endToEndMillis) {
        versions.served(model.version());
        registry.counter("siamese.results", "model_version", model.version(), "decision", same ? "SAME" : "DIFFERENT")
                .increment();
        DistributionSummary.builder("siamese.distance").description("Distances per model version")
                .tag("model_version", model.version())
                .serviceLevelObjectives(0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0)
                .register(registry).record(distance);
        queued.record(queuedMillis, TimeUnit.MILLISECONDS);
        endToEnd.record(endToEndMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void deadLetter(String kind) {
        registry.counter("siamese.dead.letters", "reason", kind).increment();
    }
}
