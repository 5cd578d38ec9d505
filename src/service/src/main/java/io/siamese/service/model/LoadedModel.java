package io.siamese.service.model;

import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.model.Embedder;
import io.siamese.encoder.model.InferencePrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    private final InferencePrecision precision;
    // Embedders are not thread-safe; a forward pass borrows an idle one. A pool rather than one per
    // thread, so that the warm-up can prepare the embedders the inference threads will use.
    private final Queue<Embedder> idle = new ConcurrentLinkedQueue<>();
    private final Queue<Embedder> all = new ConcurrentLinkedQueue<>();

    LoadedModel(Checkpoint checkpoint, InferencePrecision precision) {
        this.checkpoint = checkpoint;
        this.precision = precision;
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
            all.forEach(Embedder::close);
            all.clear();
            idle.clear();
            checkpoint.close();
        }
    }

    /** Whether the native resources were freed. */
    boolean closed() {
        return references.get() == 0;
    }

    /** An idle embedder, made when none is; give it back. Call only while holding a reference. */
    Embedder borrow() {
        Embedder e = idle.poll();
        if (e == null) {
            e = checkpoint.model().newEmbedder(precision);
            all.add(e);
        }
        return e;
    }

    /** Embedders made so far and idle now (for tests). */
    int idleEmbedders() {
        return idle.size();
    }

    /** Returns a borrowed embedder to the pool. */
    void giveBack(Embedder e) {
        idle.add(e);
    }

    /**
     * Makes {@code embedders} embedders and runs each batch size through each once, so that the first
     * real batches on every inference thread find their graph prepared and its kernels chosen.
     */
    void warmUp(int embedders, Iterable<Integer> batchSizes) {
        List<Embedder> ready = new ArrayList<>();
        try {
            int pixels = checkpoint.model().spec().pixels();
            for (int i = 0; i < embedders; i++) {
                Embedder e = borrow();
                ready.add(e);
                for (int n : batchSizes) {
                    float[][] images = new float[n][pixels];
                    e.embedPairs(images, images);
                }
            }
        } finally {
            ready.forEach(this::giveBack);
        }
    }
}
