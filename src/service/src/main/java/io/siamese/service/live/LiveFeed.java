package io.siamese.service.live;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.service.model.ServedModel;
import io.siamese.service.stream.StreamMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * What the live page at {@code /} shows: recent pairs with their results, throughput, latency,
 * batch sizes, distance distributions. Fed by the pipeline through {@link StreamMetrics} on the
 * stream threads, so every callback is O(1) under short locks and never throws; the only real
 * work, drawing thumbnails of a sample of the pairs, runs on a thread of its own.
 */
@ApplicationScoped
// Injected by class into PipelineMetrics, the one StreamMetrics bean.
@jakarta.enterprise.inject.Typed(LiveFeed.class)
public class LiveFeed implements StreamMetrics {

    /** Pairs shown with thumbnails. */
    static final int RECENT_PAIRS = 24;
    /** Latencies the percentiles are computed over. */
    static final int LATENCY_WINDOW = 2048;
    /** Batches the size distribution is computed over. */
    static final int BATCH_WINDOW = 512;
    /** Distinct dead-letter kinds counted; the kinds are a closed set, this only guards memory. */
    static final int MAX_KINDS = 32;

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    private final LongSupplier clock;
    private final ThumbnailSampler sampler;
    private final RecentPairs pairs = new RecentPairs(RECENT_PAIRS);
    private final ThroughputSeries throughput = new ThroughputSeries();
    private final RecentValues latencies = new RecentValues(LATENCY_WINDOW);
    private final RecentValues batchSizes = new RecentValues(BATCH_WINDOW);
    private final RecentValues inferenceMicros = new RecentValues(BATCH_WINDOW);
    private final DistanceHistograms distances = new DistanceHistograms();
    private final ServedVersions served = new ServedVersions();
    private final LongAdder received = new LongAdder();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private volatile boolean warned;

    /** The service's feed: wall clock, thumbnails drawn on a daemon thread. */
    public LiveFeed() {
        this(System::currentTimeMillis, System::nanoTime, ThumbnailSampler.newExecutor(RECENT_PAIRS));
    }

    /** A feed with given clocks and thumbnail executor (tests: a direct executor). */
    LiveFeed(LongSupplier clock, LongSupplier nanoClock, Executor thumbnails) {
        this.clock = clock;
        this.sampler = new ThumbnailSampler(thumbnails, nanoClock, TimeUnit.MILLISECONDS.toNanos(50), RECENT_PAIRS);
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void batch(int size, long inferenceNanos) {
        batchSizes.add(size);
        inferenceMicros.add(inferenceNanos / 1000);
    }

    @Override
    public void result(ServedModel model, double distance, boolean same, long queuedMillis, long endToEndMillis) {
        try {
            long now = clock.getAsLong();
            throughput.add(now, endToEndMillis);
            latencies.add(endToEndMillis);
            served.add(model.version(), now);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void published(ImagePair pair, PairDissimilarity result) {
        try {
            distances.add(result.getModelVersion(), result.getDistance(), result.getLabel());
            if (!sampler.tryAcquire()) {
                return;
            }
            PairView view = PairView.of(result, clock.getAsLong());
            // Only previewable buffers are handed over, so the queue never pins large images in memory.
            ByteBuffer left = previewable(pair.getLeft());
            ByteBuffer right = previewable(pair.getRight());
            sampler.submit(() -> pairs.add(view.withThumbnails(Thumbnails.dataUri(left), Thumbnails.dataUri(right))));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void deadLetter(String kind) {
        String key = kind == null ? "UNKNOWN" : kind;
        LongAdder n = deadLetters.get(key);
        if (n == null) {
            n = deadLetters.size() < MAX_KINDS ? deadLetters.computeIfAbsent(key, k -> new LongAdder())
                    : deadLetters.computeIfAbsent("OTHER", k -> new LongAdder());
        }
        n.increment();
    }

    private static ByteBuffer previewable(io.siamese.schemas.Image image) {
        ByteBuffer data = image == null ? null : image.getData();
        return Thumbnails.previewable(data) ? data : null;
    }

    private void failed(RuntimeException e) {
        // The page is a view: a bug here must not stop the stream, and must not flood the log either.
        if (!warned) {
            warned = true;
            LOG.warnf(e, "live feed failed to record a result (reported once): %s", e);
        }
    }

    /**
     * Everything the page draws except the model, as of now.
     *
     * @param modelVersion the version served now (its distance histograms are shown)
     * @param threshold its threshold
     * @return a JSON-ready map
     */
    public Map<String, Object> snapshot(String modelVersion, double threshold) {
        long now = clock.getAsLong();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", now);
        out.put("received", received.sum());
        out.put("throughput", throughput.snapshot(now));
        out.put("latency", latency());
        out.put("batches", batches());
        out.put("pairs", pairs.newestFirst());
        out.put("distances", distances.snapshot(modelVersion, threshold));
        out.put("servedVersions", served.snapshot());
        out.put("deadLetters", deadLetterCounts());
        return out;
    }

    private Map<String, Object> latency() {
        long[] sorted = latencies.sorted();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window", sorted.length);
        out.put("p50", RecentValues.percentile(sorted, 50));
        out.put("p90", RecentValues.percentile(sorted, 90));
        out.put("p99", RecentValues.percentile(sorted, 99));
        out.put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        return out;
    }

    private Map<String, Object> batches() {
        long[] sizes = batchSizes.sorted();
        TreeMap<Long, Long> counts = new TreeMap<>();
        long sum = 0;
        for (long s : sizes) {
            counts.merge(s, 1L, Long::sum);
            sum += s;
        }
        List<Map<String, Object>> bars = new ArrayList<>(counts.size());
        counts.forEach((size, n) -> bars.add(Map.of("size", size, "count", n)));
        long[] micros = inferenceMicros.sorted();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", batchSizes.total());
        out.put("window", sizes.length);
        out.put("meanSize", sizes.length == 0 ? 0.0 : (double) sum / sizes.length);
        out.put("sizes", bars);
        out.put("inferenceP50Ms", RecentValues.percentile(micros, 50) / 1000.0);
        out.put("inferenceP99Ms", RecentValues.percentile(micros, 99) / 1000.0);
        return out;
    }

    private Map<String, Object> deadLetterCounts() {
        Map<String, Long> byKind = new TreeMap<>();
        deadLetters.forEach((k, v) -> byKind.put(k, v.sum()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", byKind.values().stream().mapToLong(Long::longValue).sum());
        out.put("byKind", byKind);
        return out;
    }

    @PreDestroy
    void close() {
        sampler.close();
    }
}
