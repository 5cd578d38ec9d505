package io.siamese.cli.faults;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;

/**
 * Valid pairs published in the background at a steady rate, in small chunks, so a fault lands on a service
 * under load with batches in flight. {@link #await()} waits for the last acknowledgement.
 */
final class PacedLoad {

    private static final int CHUNK = 5;

    private final CompletableFuture<Void> done;

    private PacedLoad(CompletableFuture<Void> done) {
        this.done = done;
    }

    /** Starts publishing {@code count} valid pairs through {@code publisher} at {@code perSecond}. */
    static PacedLoad start(InputPublisher publisher, int count, double perSecond) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                long start = System.nanoTime();
                for (int sent = 0; sent < count; sent += CHUNK) {
                    long due = start + (long) (sent * 1e9 / perSecond);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait); // pacing a publisher, not waiting for a condition
                    }
                    publisher.publish(publisher.validPairs(Math.min(CHUNK, count - sent)));
                }
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "faults-load");
        thread.setDaemon(true);
        thread.start();
        return new PacedLoad(done);
    }

    /** Waits until every pair is acknowledged; rethrows a publishing failure. */
    void await() {
        try {
            done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
