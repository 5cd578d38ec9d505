package io.siamese.localstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping operating-system processes together with everything they started. */
public final class Processes {

    private Processes() {
    }

    /**
     * Sends SIGTERM to {@code process} and its descendants, waits up to {@code timeout} for it, then kills
     * whatever is still alive.
     *
     * <p>The descendants are listed before the signal: once the parent is gone, its orphans are re-parented
     * and can no longer be found from it.
     *
     * @param process the process to stop
     * @param timeout how long a graceful stop may take
     */
    public static void terminate(ProcessHandle process, Duration timeout) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!awaitExit(process, timeout)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(5));
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive() && !awaitExit(child, Duration.ofSeconds(2))) {
                child.destroyForcibly();
                awaitExit(child, Duration.ofSeconds(5));
            }
        }
    }

    /**
     * Waits for a process to exit.
     *
     * @return true when it has exited within {@code timeout}
     */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            // Shutting down anyway: keep the interrupt for the caller and report what we know.
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
