package io.siamese.cli.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the fault suite runs.
 *
 * @param scenarios      scenario names, in order (all when empty)
 * @param pairs          valid pairs published per scenario (a scenario may publish more: a fresh pair per
 *                       partition for the serving check, pairs before and after a fault)
 * @param brokerOutage   how long the broker stays down
 * @param registryOutage how long the registry stays down
 * @param settle         how long to wait, after a fault, for every input to be accounted for
 * @param data           the dataset pairs are drawn from ({@code fashion-mnist} or a folder)
 * @param modelPath      the checkpoint every instance serves at start
 * @param workDir        where the stack, the instances' state and all logs go
 * @param guarantee      the instances' {@code processing.guarantee}: {@code exactly_once_v2} (the service's
 *                       default: a duplicate fails a scenario) or {@code at_least_once} (duplicates are counted,
 *                       not failed: after a crash pairs scored since the last commit are scored again)
 */
public record FaultSuiteOptions(List<String> scenarios, int pairs, Duration brokerOutage, Duration registryOutage,
                                Duration settle, String data, Path modelPath, Path workDir, String guarantee) {

    /** The service's default guarantee. */
    public static final String EXACTLY_ONCE = "exactly_once_v2";
    /** The other guarantee the service supports. */
    public static final String AT_LEAST_ONCE = "at_least_once";

    /** Copies the list and checks the figures. */
    public FaultSuiteOptions {
        scenarios = List.copyOf(scenarios);
        if (!EXACTLY_ONCE.equals(guarantee) && !AT_LEAST_ONCE.equals(guarantee)) {
            throw new IllegalArgumentException("--guarantee must be " + EXACTLY_ONCE + " or " + AT_LEAST_ONCE
                    + ", got " + guarantee);
        }
        if (pairs < 10) {
            throw new IllegalArgumentException("--pairs must be at least 10, got " + pairs);
        }
    }

    /** @return whether duplicates fail a scenario (exactly once) rather than being counted only */
    public boolean exactlyOnce() {
        return EXACTLY_ONCE.equals(guarantee);
    }
}
