package io.siamese.service.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Decides which published pairs get thumbnails and draws them off the stream threads. A pair is
 * sampled at most once per {@code interval} on average, with bursts of up to {@code burst} (so a
 * handful of pairs arriving together are all shown, while a flood costs at most 20 previews a
 * second). Drawing runs on one daemon thread behind a bounded queue; when it lags, work is dropped.
 */
final class ThumbnailSampler implements AutoCloseable {

    private final Executor executor;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long burstNanos;
    // Generic cell rate algorithm: the theoretical arrival time of the next allowed sample.
    private long nextAllowed = Long.MIN_VALUE;

    ThumbnailSampler(Executor executor, LongSupplier nanoClock, long intervalNanos, int burst) {
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.intervalNanos = intervalNanos;
        this.burstNanos = intervalNanos * (burst - 1L);
    }

    /** One daemon thread with a queue of {@code burst} tasks; excess tasks are discarded. */
    static ExecutorService newExecutor(int burst) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(burst), r -> {
            Thread t = new Thread(r, "live-thumbnails");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Whether the next pair may be sampled now; O(1). */
    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        long tat = nextAllowed == Long.MIN_VALUE || nextAllowed - now < 0 ? now : nextAllowed;
        if (tat - now > burstNanos) {
            return false;
        }
        nextAllowed = tat + intervalNanos;
        return true;
    }

    /** Runs the drawing work off the caller's thread; dropped when the queue is full or closed. */
    void submit(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            // Shutting down or saturated: a missing preview is fine.
        }
    }

    @Override
    public void close() {
        if (executor instanceof ExecutorService s) {
            s.shutdownNow();
        }
    }
}
