package io.siamese.service.model;

import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.model.Embedder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checkpoint in service, reference-counted: the service holds one reference while the model is
 * current, each batch holds one while it runs. When the last reference goes (the model was
 * swapped out and its in-flight batches finished), the embedders and the weights are closed and
 * their native memory freed.
 */
final class LoadedModel {

    private final Checkpoint checkpoint;
    private final ServedModel info;
    private final AtomicInteger references = new AtomicInteger(1);
    // One embedder (DJL predictor) per thread: predictors are not thread-safe; weights are shared.
    private final Map<Thread, Embedder> embedders = new ConcurrentHashMap<>();

    LoadedModel(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.info = new ServedModel(checkpoint.version(), checkpoint.manifest().architecture(),
                checkpoint.distance().id(), checkpoint.threshold(), checkpoint.model().preprocessing(),
                checkpoint.directory().toString());
    }

    ServedModel info() {
        return info;
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    /** Takes a reference; false when the model is already closed (the caller retries with the new one). */
    boolean acquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the model. */
    void release() {
        if (references.decrementAndGet() == 0) {
            embedders.values().forEach(Embedder::close);
            embedders.clear();
            checkpoint.close();
        }
    }

    /** Whether the native resources were freed. */
    boolean closed() {
        return references.get() == 0;
    }

    /** The calling thread's embedder (created on first use). Call only while holding a reference. */
    Embedder embedder() {
        return embedders.computeIfAbsent(Thread.currentThread(), t -> checkpoint.model().newEmbedder());
    }
}
