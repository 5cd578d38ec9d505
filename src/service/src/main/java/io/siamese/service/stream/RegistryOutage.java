package io.siamese.service.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Whether the schema registry is known to be unavailable, shared by every stream task of the process.
 *
 * <p>A pair whose writer schema is not cached cannot be read while the registry does not answer, and a result
 * or dead letter cannot be written before its schema id is known; neither says anything about the pair. So the
 * first such failure {@linkplain #report reports} an outage: processors then hold every pair they receive
 * (in the buffer store, as after a crash) instead of reading, scoring or dead-lettering it, listeners pause
 * the stream threads so no more pairs are taken in, and a background thread probes the registry with a
 * backoff (0.5 s doubling to 5 s) until it answers. Then the outage ends, listeners resume processing and the
 * held pairs are scored. Only the probe calls the registry during an outage, never a stream thread.
 */
public final class RegistryOutage implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RegistryOutage.class);
    private static final long FIRST_PROBE_DELAY_MS = 500;
    private static final long MAX_PROBE_DELAY_MS = 5_000;

    /** What is told of an outage's start and end (pause/resume the streams, log, metrics). */
    public interface Listener {
        /** The registry became unavailable; {@code reason} names the failure. */
        default void down(String reason) {}

        /** The registry answers again after {@code lasted}. */
        default void up(Duration lasted) {}
    }

    /** The current outage: since when (epoch ms) and the failure that began it. */
    public record Status(long sinceMillis, String reason) {}

    private final LongSupplier clock;
    private final boolean probeInBackground;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService prober;
    private volatile Status status;
    private Runnable probe;
    private long probeDelayMs;

    /** An outage tracker with the system clock. */
    public RegistryOutage() {
        this(System::currentTimeMillis, true);
    }

    /** @param probeInBackground false for tests that call {@link #probeOnce()} themselves */
    RegistryOutage(LongSupplier clock, boolean probeInBackground) {
        this.clock = clock;
        this.probeInBackground = probeInBackground;
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schema-registry-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a listener; it hears of outages from now on. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** @return whether the registry is known to be unavailable */
    public boolean isDown() {
        return status != null;
    }

    /** @return the current outage, empty while the registry answers */
    public Optional<Status> status() {
        return Optional.ofNullable(status);
    }

    /**
     * Reports that the registry did not answer a call a pair needed. The first report of an outage tells the
     * listeners and starts probing with {@code retry}; later ones change nothing.
     *
     * @param failure what failed
     * @param retry   the failed call again: it throws while the registry cannot answer it, and returns once it
     *                does (whatever the answer)
     */
    public void report(RuntimeException failure, Runnable retry) {
        synchronized (this) {
            if (status != null) {
                return;
            }
            status = new Status(clock.getAsLong(), String.valueOf(failure.getMessage()));
            probe = retry;
            probeDelayMs = FIRST_PROBE_DELAY_MS;
        }
        LOG.warnf("Schema registry unavailable (%s): pairs are held, not dead-lettered, and stream processing is"
                + " paused until it answers; probing it every %d-%d ms", failure.getMessage(), FIRST_PROBE_DELAY_MS,
                MAX_PROBE_DELAY_MS);
        listeners.forEach(l -> l.down(failure.getMessage()));
        scheduleProbe(FIRST_PROBE_DELAY_MS);
    }

    /** Runs the probe now; ends the outage if it succeeds, else schedules the next try. Package-private for tests. */
    void probeOnce() {
        Status outage;
        Runnable retry;
        synchronized (this) {
            outage = status;
            retry = probe;
        }
        if (outage == null) {
            return;
        }
        try {
            retry.run();
        } catch (RuntimeException stillDown) {
            long delay;
            synchronized (this) {
                probeDelayMs = Math.min(MAX_PROBE_DELAY_MS, probeDelayMs * 2);
                delay = probeDelayMs;
            }
            LOG.debugf("schema registry still unavailable: %s", stillDown.getMessage());
            scheduleProbe(delay);
            return;
        }
        Duration lasted = Duration.ofMillis(Math.max(0, clock.getAsLong() - outage.sinceMillis()));
        synchronized (this) {
            status = null;
            probe = null;
        }
        LOG.infof("Schema registry answers again after %d s: resuming stream processing; held pairs are scored now",
                lasted.toSeconds());
        listeners.forEach(l -> l.up(lasted));
    }

    private void scheduleProbe(long delayMs) {
        if (probeInBackground && !prober.isShutdown()) {
            prober.schedule(this::probeOnce, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
