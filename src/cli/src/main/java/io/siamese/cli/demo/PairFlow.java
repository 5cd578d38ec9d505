package io.siamese.cli.demo;

import io.siamese.cli.demo.DemoSummary.Outcome;
import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairPublisher;
import io.siamese.cli.publish.PublishOptions;
import io.siamese.cli.publish.PublishReport;
import io.siamese.cli.tail.ResultTail;
import io.siamese.cli.tail.StreamSnapshot;
import io.siamese.cli.tail.StreamStats;
import io.siamese.cli.tail.TailListener;
import io.siamese.cli.tail.TailOptions;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.PairDissimilarity;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Pairs through a running pipeline: a publisher thread sends, a tail thread reads results and dead letters,
 * and the calling thread watches both until every published pair came back, the user stops, the service dies,
 * or nothing arrives for the idle timeout after publishing ended. With {@link DemoOptions#warmupPairs()} a
 * warm-up run goes through first, the same way, and its figures are kept apart (the cold start).
 */
final class PairFlow {

    private static final long REFRESH_MILLIS = 200;

    private final Endpoints endpoints;
    private final PairImages images;
    private final DemoOptions options;
    private final DemoListener listener;
    private final BooleanSupplier serviceAlive;
    private final PairImages labelledImages;
    // Replaced when the measured part starts, so that its clock does not include the warm-up.
    private volatile StreamStats stats = new StreamStats();
    private final StreamStats coldStats = new StreamStats();
    private volatile String warmupKeyPrefix;
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<PublishReport> report = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Object arrivals = new Object();
    private volatile boolean stopRequested;

    PairFlow(Endpoints endpoints, PairImages images, DemoOptions options, DemoListener listener,
             BooleanSupplier serviceAlive) {
        this(endpoints, images, options, listener, serviceAlive, null);
    }

    /**
     * @param labelledImages when not null, also publish as many labelled pairs from these images to
     *                       labelled-pairs, at the same rate (the continuous trainer's food)
     */
    PairFlow(Endpoints endpoints, PairImages images, DemoOptions options, DemoListener listener,
             BooleanSupplier serviceAlive, PairImages labelledImages) {
        this.labelledImages = labelledImages;
        this.endpoints = endpoints;
        this.images = images;
        this.options = options;
        this.listener = listener;
        this.serviceAlive = serviceAlive;
    }

    DemoSummary run(Path workDir) {
        ResultTail tail = new ResultTail(endpoints, TailOptions.everythingFollowing(), new Recorder());
        Thread tailThread = background("demo-tail", tail::run);
        try {
            StreamSnapshot cold = null;
            if (options.warmupPairs() > 0) {
                Outcome warm = warmUp();
                cold = coldStats.snapshot();
                if (warm != Outcome.COMPLETE) {
                    String message = failure.get() == null ? "during the warm-up" : failure.get().getMessage();
                    return new DemoSummary(warm, message, 0, 0, 0, stats.snapshot(), workDir).withColdStart(cold);
                }
                listener.stage(String.format(java.util.Locale.ROOT,
                        "warm-up done: %d pairs, cold-start latency p50 %d ms, p99 %d ms; now measuring",
                        cold.results() + cold.deadLetters(), cold.latencyMillis().p50(), cold.latencyMillis().p99()));
            }
            DemoSummary summary = measure(workDir);
            return cold == null ? summary : summary.withColdStart(cold);
        } finally {
            tail.stop();
            join(tailThread);
        }
    }

    /** Publishes the warm-up pairs at the demo's rate and waits until each came back. */
    private Outcome warmUp() {
        PublishOptions warm = new PublishOptions(options.warmupPairs(), options.rate(), options.seed() + 2, 0, false,
                "w" + PublishOptions.newRunId());
        warmupKeyPrefix = "p-" + warm.runId() + "-";
        listener.stage("warming the service up: " + options.warmupPairs() + " pairs"
                + (options.rate() > 0 ? " at " + options.rate() + " pairs/s" : "") + " (reported apart, as the cold start)");
        AtomicReference<PublishReport> sent = new AtomicReference<>();
        try (PairPublisher publisher = new PairPublisher(endpoints, images, warm)) {
            Thread publishThread = background("demo-warm-up", () -> sent.set(publisher.run((id, broken) -> { })));
            Outcome outcome = watch(publishThread, sent, coldStats, false);
            publisher.stop();
            join(publishThread);
            return outcome;
        }
    }

    private DemoSummary measure(Path workDir) {
        stats = new StreamStats();
        PublishOptions publish = new PublishOptions(options.pairs(), options.rate(), options.seed(),
                options.corrupt(), false, PublishOptions.newRunId());
        PublishOptions labels = new PublishOptions(options.pairs(), options.rate(), options.seed() + 1, 0, true,
                "l" + PublishOptions.newRunId());
        try (PairPublisher publisher = new PairPublisher(endpoints, images, publish);
             PairPublisher labelled = labelledImages == null ? null
                     : new PairPublisher(endpoints, labelledImages, labels)) {
            Thread publishThread = background("demo-publish",
                    () -> report.set(publisher.run((id, broken) -> published.incrementAndGet())));
            Thread labelThread = labelled == null ? null
                    : background("demo-labels", () -> labelled.run((id, broken) -> { }));
            Outcome outcome = watch(publishThread, report, stats, true);
            publisher.stop();
            if (labelled != null) {
                labelled.stop();
                join(labelThread);
            }
            join(publishThread);
            listener.progress(published.get(), stats.snapshot());
            PublishReport sent = report.get();
            long corrupt = sent != null ? sent.corrupt() : 0;
            String message = failure.get() == null ? "" : failure.get().getMessage();
            return new DemoSummary(outcome, message, published.get(), published.get() - corrupt, corrupt,
                    stats.snapshot(), workDir);
        }
    }

    /**
     * Waits until every pair {@code publishThread} sent came back to {@code counted}, or the run ends otherwise.
     *
     * @param showProgress whether to pass the figures to the live view
     */
    private Outcome watch(Thread publishThread, AtomicReference<PublishReport> sent, StreamStats counted,
                          boolean showProgress) {
        long lastHandled = -1;
        long idleSince = System.nanoTime();
        while (true) {
            synchronized (arrivals) {
                try {
                    arrivals.wait(REFRESH_MILLIS); // woken early by each arrival; the timeout refreshes the view
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Outcome.INTERRUPTED;
                }
            }
            if (showProgress) {
                listener.progress(published.get(), stats.snapshot());
            }
            long handled = counted.handled();
            boolean publishing = publishThread.isAlive();
            if (failure.get() != null) {
                return Outcome.FAILED;
            }
            if (stopRequested) {
                return Outcome.INTERRUPTED;
            }
            if (!serviceAlive.getAsBoolean()) {
                return Outcome.SERVICE_EXITED;
            }
            if (!publishing && sent.get() != null && handled >= sent.get().total()) {
                return Outcome.COMPLETE;
            }
            if (handled != lastHandled || publishing) {
                lastHandled = handled;
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > options.idleTimeout().toNanos()) {
                return Outcome.IDLE_TIMEOUT;
            }
        }
    }

    void stop() {
        stopRequested = true;
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private Thread background(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                stop();
            }
        }, name);
        thread.setDaemon(true); // never keeps the JVM alive on its own
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts what the tail reads and wakes the watcher. */
    private final class Recorder implements TailListener {
        @Override
        public void onResult(String key, PairDissimilarity result, long receivedAt) {
            statsFor(key).recordResult(result, receivedAt);
            arrived();
        }

        @Override
        public void onDeadLetter(String key, DeadLetter deadLetter, long receivedAt) {
            statsFor(key).recordDeadLetter(deadLetter);
            arrived();
        }

        /** Warm-up pairs count towards the cold start, the others towards the run's figures. */
        private StreamStats statsFor(String key) {
            String prefix = warmupKeyPrefix;
            return prefix != null && key != null && key.startsWith(prefix) ? coldStats : stats;
        }

        @Override
        public void onUnreadable(String topic, int partition, long offset, Exception error) {
            stats.recordUnreadable();
        }

        private void arrived() {
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
        }
    }
}
