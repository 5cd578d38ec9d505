package io.siamese.cli.faults;

import java.time.Duration;

/** Two instances share the load ({@value ScenarioTopics#PARTITIONS} partitions); one is killed with kill -9. */
final class TwoInstancesKillScenario implements FaultScenario {

    @Override
    public String name() {
        return "two-instances-kill";
    }

    @Override
    public String description() {
        return "two instances under load, one killed with kill -9; the survivor takes over its partitions";
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        run.fleet().launch("a");
        run.fleet().launch("b");
        run.fleet().running().values().forEach(s -> s.awaitReady(ServiceFleet.READY_TIMEOUT));
        int pairs = run.options().pairs();
        PacedLoad load = run.load(pairs, Math.max(2, pairs / 20.0)); // about 20 s of load
        if (!run.awaitResults(pairs / 4, Duration.ofSeconds(120))) {
            throw new IllegalStateException("fewer than " + pairs / 4 + " results within 120 s before the kill");
        }
        run.fleet().kill("b");
        run.detail("results_at_kill", run.ledger().resultCount());
        run.faultEnded();
        load.await();
    }
}
