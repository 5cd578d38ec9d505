package io.siamese.service.live;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.service.model.ServedModel;
import io.siamese.service.stream.StreamMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the live page at {@code /} shows: recent pairs with their results, throughput, latency,
 * batch sizes, distance distributions. Fed by the pipeline through {@link StreamMetrics}.
 */
@ApplicationScoped
// Injected by class into PipelineMetrics, the one StreamMetrics bean.
@jakarta.enterprise.inject.Typed(LiveFeed.class)
public class LiveFeed implements StreamMetrics {

    @Override
    public void batch(int size, long inferenceNanos) {}

    @Override
    public void result(ServedModel model, double distance, boolean same, long queuedMillis, long endToEndMillis) {}

    @Override
    public void published(ImagePair pair, PairDissimilarity result) {}
}
