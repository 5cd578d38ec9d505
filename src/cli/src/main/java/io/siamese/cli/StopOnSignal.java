package io.siamese.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM) into a graceful stop of a long-running command: a shutdown hook runs the
 * command's stop action, then holds the JVM open until the command has finished its own clean-up and printed
 * its summary (at most a grace period), because the JVM halts as soon as all hooks return.
 *
 * <p>Use with try-with-resources around the work; closing it marks the command finished and removes the hook.
 */
final class StopOnSignal implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final Duration grace;
    private volatile boolean signalled;

    /**
     * @param name  for the hook thread, e.g. "demo"
     * @param stop  ends the work early; must be safe to call from another thread
     * @param grace how long the hook waits for the command to finish after {@code stop}
     */
    StopOnSignal(String name, Runnable stop, Duration grace) {
        this.grace = grace;
        this.hook = new Thread(() -> {
            signalled = true;
            stop.run();
            try {
                finished.await(this.grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return whether the stop came from a signal (the exit code should then be 130) */
    boolean signalled() {
        return signalled;
    }

    /** Marks the command finished, releasing a waiting hook, and unregisters the hook if it has not run. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it returns now that the latch is released.
        }
    }
}
