package io.siamese.cli.demo;

import io.siamese.cli.demo.DemoSummary.Outcome;
import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairPublisher;
import io.siamese.cli.publish.PublishOptions;
import io.siamese.cli.publish.PublishReport;
import io.siamese.cli.tail.ResultTail;
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
 * or nothing arrives for the idle timeout after publishing ended.
 */
final class PairFlow {

    private static final long REFRESH_MILLIS = 200;

    private final Endpoints endpoints;
    private final PairImages images;
    private final DemoOptions options;
    private final DemoListener listener;
    private final BooleanSupplier serviceAlive;
    private final PairImages labelledImages;
    private final StreamStats stats = new StreamStats();
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
        PublishOptions publish = new PublishOptions(options.pairs(), options.rate(), options.seed(),
                options.corrupt(), false, PublishOptions.newRunId());
        PublishOptions labels = new PublishOptions(options.pairs(), options.rate(), options.seed() + 1, 0, true,
                "l" + PublishOptions.newRunId());
        try (PairPublisher publisher = new PairPublisher(endpoints, images, publish);
             PairPublisher labelled = labelledImages == null ? null
                     : new PairPublisher(endpoints, labelledImages, labels)) {
            Thread tailThread = background("demo-tail", tail::run);
            Thread publishThread = background("demo-publish",
                    () -> report.set(publisher.run((id, broken) -> published.incrementAndGet())));
            Thread labelThread = labelled == null ? null
                    : background("demo-labels", () -> labelled.run((id, broken) -> { }));
            Outcome outcome = watch(publishThread);
            publisher.stop();
            tail.stop();
            if (labelled != null) {
                labelled.stop();
                join(labelThread);
            }
            join(publishThread);
            join(tailThread);
            listener.progress(published.get(), stats.snapshot());
            PublishReport sent = report.get();
            long corrupt = sent != null ? sent.corrupt() : 0;
            String message = failure.get() == null ? "" : failure.get().getMessage();
            return new DemoSummary(outcome, message, published.get(), published.get() - corrupt, corrupt,
                    stats.snapshot(), workDir);
        }
    }

    private Outcome watch(Thread publishThread) {
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
            listener.progress(published.get(), stats.snapshot());
            long handled = stats.handled();
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
            if (!publishing && report.get() != null && handled >= report.get().total()) {
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
            stats.recordResult(result, receivedAt);
            arrived();
        }

        @Override
        public void onDeadLetter(String key, DeadLetter deadLetter, long receivedAt) {
            stats.recordDeadLetter(deadLetter);
            arrived();
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
