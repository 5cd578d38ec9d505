package io.siamese.cli.faults;

import java.time.Duration;

/** One instance under load; a second joins mid-load, so partitions move with batches in flight. */
final class ScaleOutScenario implements FaultScenario {

    @Override
    public String name() {
        return "scale-out";
    }

    @Override
    public String description() {
        return "one instance under load, a second joins mid-load (rebalance with batches in flight)";
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        run.fleet().start("a");
        int pairs = run.options().pairs();
        // Spread over about 40 s, so the load outlasts the second instance's start.
        PacedLoad load = run.load(pairs, Math.max(2, pairs / 40.0));
        if (!run.awaitResults(pairs / 5, Duration.ofSeconds(120))) {
            throw new IllegalStateException("fewer than " + pairs / 5 + " results within 120 s");
        }
        run.detail("results_at_join", run.ledger().resultCount());
        run.fleet().start("b");
        run.faultEnded();
        load.await();
    }
}
