package io.siamese.cli.faults;

import io.siamese.localstack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What a {@link FaultScenario} works with: the shared stack, its own topics, publisher, instances and ledger,
 * and where it notes the fault's end, named checks (each must pass) and details for the report.
 */
final class ScenarioRun {

    private static final long POLL_NANOS = 200_000_000L;

    private final LocalStack stack;
    private final ScenarioTopics topics;
    private final FaultSuiteOptions options;
    private final Path workDir;
    private final Ledger ledger;
    private final InputPublisher publisher;
    private final ServiceFleet fleet;
    private final Map<String, Boolean> checks = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private volatile long faultEnd = Long.MIN_VALUE;

    ScenarioRun(LocalStack stack, ScenarioTopics topics, FaultSuiteOptions options, Path workDir, Ledger ledger,
                InputPublisher publisher, ServiceFleet fleet) {
        this.stack = stack;
        this.topics = topics;
        this.options = options;
        this.workDir = workDir;
        this.ledger = ledger;
        this.publisher = publisher;
        this.fleet = fleet;
    }

    LocalStack stack() {
        return stack;
    }

    ScenarioTopics topics() {
        return topics;
    }

    FaultSuiteOptions options() {
        return options;
    }

    Path workDir() {
        return workDir;
    }

    Ledger ledger() {
        return ledger;
    }

    InputPublisher publisher() {
        return publisher;
    }

    ServiceFleet fleet() {
        return fleet;
    }

    /** Publishes {@code count} valid pairs and waits for their acknowledgements. */
    List<Input> publishValid(int count) {
        return publisher.publish(publisher.validPairs(count));
    }

    /** Starts publishing {@code count} valid pairs in the background at {@code perSecond}. */
    PacedLoad load(int count, double perSecond) {
        return PacedLoad.start(publisher, count, perSecond);
    }

    /** @return whether at least {@code count} results were read within {@code timeout} */
    boolean awaitResults(long count, Duration timeout) throws InterruptedException {
        return ledger.await(() -> ledger.resultCount() >= count, System.nanoTime() + timeout.toNanos());
    }

    /**
     * Polls {@code condition} (an HTTP endpoint, a process) until it holds or {@code timeout} passes.
     *
     * @return whether it held
     */
    static boolean poll(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    /**
     * Keeps a fault going for {@code duration} (an outage's length) while {@code sample} runs about every
     * half second (readiness probes); this is the fault's duration, not a wait for a condition.
     */
    static void hold(Duration duration, Runnable sample) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            sample.run();
            LockSupport.parkNanos(Math.min(left, 500_000_000L));
        }
    }

    /** Notes that the fault is over now: recovery figures count from here. */
    void faultEnded() {
        faultEnd = System.nanoTime();
    }

    /** @return when the fault ended ({@link System#nanoTime()}), or now if the scenario did not say */
    long faultEnd() {
        if (faultEnd == Long.MIN_VALUE) {
            faultEnded();
        }
        return faultEnd;
    }

    /** Records a named check; the scenario is ok only if every check passed. */
    void check(String name, boolean passed) {
        checks.put(name, passed);
    }

    /** Records a detail for the report (a count, a status, a duration). */
    void detail(String name, Object value) {
        details.put(name, value);
    }

    Map<String, Boolean> checks() {
        return Map.copyOf(checks);
    }

    Map<String, Object> details() {
        return new LinkedHashMap<>(details);
    }
}
