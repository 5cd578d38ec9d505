package io.siamese.encoder.image;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process-wide bound on the heap that image decodes hold at once, so that concurrent decodes of
 * large-but-allowed images cannot together exhaust the heap: each is within {@link ImageLimits}
 * alone, but eight at once need not be.
 *
 * <p>{@link ImageDecoder} {@linkplain #reserve reserves} what an image's decode will allocate
 * ({@link DecodeCost}, judged from the header before a single pixel is decoded) and
 * {@linkplain Reservation#close() releases} it once the pixels have been converted to the small
 * array the model uses. The bytes are a fair semaphore counted in KiB (so budgets beyond 2 GiB
 * fit), so a large image is not starved by a stream of small ones. A decode that needs more than
 * the whole budget is refused at once: no amount of waiting could admit it. Thread-safe; share
 * one instance across every decoder of a process.
 */
public final class DecodeBudget {

    /** A wait with no practical end, for callers that must not give up (the stream path). */
    public static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    private static final Reservation NOTHING = new Reservation(null, 0);

    private final long maxBytes;
    private final String setting;
    private final Semaphore kibibytes;

    /**
     * Creates a budget.
     *
     * @param maxBytes the most bytes decodes may hold at once; {@link Long#MAX_VALUE} for no bound
     * @param setting the configuration key that sets {@code maxBytes}, named in refusals
     * @throws IllegalArgumentException when not positive, or bounded but over 2 TiB
     */
    public DecodeBudget(long maxBytes, String setting) {
        if (maxBytes <= 0 || maxBytes != Long.MAX_VALUE && kib(maxBytes) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes must be positive and at most 2 TiB, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.setting = Objects.requireNonNull(setting, "setting");
        this.kibibytes = maxBytes == Long.MAX_VALUE ? null : new Semaphore((int) kib(maxBytes), true);
    }

    /**
     * A budget that never refuses nor waits (tools and training, which decode a few images at a time).
     *
     * @return an unbounded budget
     */
    public static DecodeBudget unlimited() {
        return new DecodeBudget(Long.MAX_VALUE, "unlimited");
    }

    /** @return the budget, in bytes */
    public long maxBytes() {
        return maxBytes;
    }

    /** @return the bytes not reserved now (rounded down to KiB), or {@link Long#MAX_VALUE} when unbounded */
    public long availableBytes() {
        return kibibytes == null ? Long.MAX_VALUE : kibibytes.availablePermits() * 1024L;
    }

    /** @return whether a decode is waiting for bytes now (for monitoring and tests) */
    public boolean hasWaiters() {
        return kibibytes != null && kibibytes.hasQueuedThreads();
    }

    /**
     * Reserves {@code bytes}, waiting up to {@code wait} for other decodes to release theirs.
     *
     * @param bytes what the decode will allocate
     * @param what the image, for messages (for example {@code "4000x4000 PNG"})
     * @param wait the longest time to wait
     * @return the reservation, to close once the decoded pixels are no longer needed
     * @throws ImageDecodeException ({@link ImageDecodeException.Reason#TOO_MANY_PIXELS}) at once when
     *     {@code bytes} exceeds the whole budget
     * @throws BusyException when the bytes did not become free within {@code wait}, or the wait was
     *     interrupted (the interrupt flag is then set again)
     */
    public Reservation reserve(long bytes, String what, Duration wait) {
        if (bytes > maxBytes) {
            throw new ImageDecodeException(ImageDecodeException.Reason.TOO_MANY_PIXELS, "decoding the " + what
                    + " image needs about " + bytes + " bytes of heap, more than the whole decode budget of "
                    + maxBytes + " bytes (" + setting + ")");
        }
        if (kibibytes == null || bytes <= 0) {
            return NOTHING;
        }
        int permits = (int) kib(bytes);
        try {
            if (kibibytes.tryAcquire(permits, wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Reservation(kibibytes, permits);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for " + bytes + " bytes of decode budget");
        }
        throw new BusyException("busy: " + bytes + " bytes of decode budget (" + setting + ") did not become free"
                + " within " + wait + " (" + availableBytes() + " of " + maxBytes + " bytes free); retry later");
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }

    /** Bytes held by one decode; closing releases them, and closing twice releases nothing more. */
    public static final class Reservation implements AutoCloseable {
        private final Semaphore owner;
        private final int permits;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Reservation(Semaphore owner, int permits) {
            this.owner = owner;
            this.permits = permits;
        }

        @Override
        public void close() {
            if (owner != null && open.compareAndSet(true, false)) {
                owner.release(permits);
            }
        }
    }

    /**
     * The budget stayed exhausted for the whole wait: the image is fine but the process is busy, so
     * callers should retry later (HTTP 503) rather than treat the image as bad.
     */
    public static final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what was waited for, and for how long */
        public BusyException(String message) {
            super(message);
        }
    }
}
