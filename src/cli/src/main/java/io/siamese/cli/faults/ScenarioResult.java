package io.siamese.cli.faults;

import java.util.Map;

/**
 * The outcome of one scenario.
 *
 * @param name        the scenario
 * @param description what was done
 * @param tally       the accounting of its inputs
 * @param alive       whether every instance still running answered {@code /q/health/live} with 200 at the end
 * @param ready       whether every such instance answered {@code /q/health/ready} with 200 at the end
 * @param serving     whether a fresh pair on every input partition got a result at the end
 * @param checks      the scenario's own checks (REST statuses, readiness during an outage, ...)
 * @param details     further figures for the report
 * @param error       what went wrong when the scenario could not run to its end, else null
 * @param seconds     how long the scenario took
 * @param exactlyOnce whether the instances ran exactly_once_v2, where a duplicate is a failure (under
 *                    at_least_once duplicates are counted only)
 */
public record ScenarioResult(String name, String description, Tally tally, boolean alive, boolean ready,
                             boolean serving, Map<String, Boolean> checks, Map<String, Object> details, String error,
                             double seconds, boolean exactlyOnce) {

    /**
     * @return whether nothing was lost or misrouted, nothing duplicated under exactly once, and every instance is
     *         alive, ready and serving
     */
    public boolean ok() {
        return error == null && tally.lost() == 0 && (!exactlyOnce || tally.duplicated() == 0)
                && tally.misrouted() == 0 && alive
                && ready && serving && checks.values().stream().allMatch(Boolean::booleanValue);
    }
}
