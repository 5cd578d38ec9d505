package io.siamese.service.metrics;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.service.model.ServedModel;
import io.siamese.service.stream.CpuStage;
import io.siamese.service.stream.StreamMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import io.siamese.service.live.LiveFeed;
import java.util.List;

/** The pipeline's one {@link StreamMetrics}: Prometheus metrics and the live page, both fed. */
@ApplicationScoped
public class PipelineMetrics implements StreamMetrics {

    private final List<StreamMetrics> sinks;

    PipelineMetrics(MicrometerStreamMetrics micrometer, LiveFeed live) {
        this.sinks = List.of(micrometer, live);
    }

    @Override
    public void received() {
        sinks.forEach(StreamMetrics::received);
    }

    @Override
    public void batch(int size, long inferenceNanos) {
        sinks.forEach(s -> s.batch(size, inferenceNanos));
    }

    @Override
    public void result(ServedModel model, double distance, boolean same, long queuedMillis, long endToEndMillis) {
        sinks.forEach(s -> s.result(model, distance, same, queuedMillis, endToEndMillis));
    }

    @Override
    public void deadLetter(String kind) {
        sinks.forEach(s -> s.deadLetter(kind));
    }

    @Override
    public void published(ImagePair pair, PairDissimilarity result) {
        sinks.forEach(s -> s.published(pair, result));
    }

    @Override
    public void stageCpu(CpuStage stage, long cpuNanos) {
        sinks.forEach(s -> s.stageCpu(stage, cpuNanos));
    }
}
