package io.siamese.trainer.continuous;

import java.util.concurrent.atomic.AtomicReference;

/** Runs a trainer on its own thread; closing stops it and waits, and a failure of the run fails the test. */
final class Background implements AutoCloseable {

    private final ContinuousTrainer trainer;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Background(ContinuousTrainer trainer) {
        this.trainer = trainer;
        this.thread = new Thread(() -> {
            try {
                trainer.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "test-trainer");
        thread.start();
    }

    static Background run(ContinuousTrainer trainer) {
        return new Background(trainer);
    }

    /** Waits for the run to end on its own (after a stop from inside), rethrowing its failure. */
    void join() throws InterruptedException {
        thread.join(120_000);
        if (thread.isAlive()) {
            throw new AssertionError("the trainer did not stop within 120 s");
        }
        if (failure.get() != null) {
            throw new AssertionError("the trainer failed: " + failure.get(), failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        trainer.stop();
        join();
    }
}
