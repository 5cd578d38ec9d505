package io.siamese.cli.faults;

import io.siamese.localstack.ServiceProcess;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** The broker stops under load and comes back after the outage on the same port and data directory. */
final class BrokerOutageScenario implements FaultScenario {

    @Override
    public String name() {
        return "broker-outage";
    }

    @Override
    public String description() {
        return "the broker is stopped under load and restarted (same port, same data) after the outage";
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        ServiceProcess service = run.fleet().start("a");
        int pairs = run.options().pairs();
        PacedLoad load = run.load(pairs, Math.max(2, pairs / 20.0));
        if (!run.awaitResults(pairs / 5, Duration.ofSeconds(120))) {
            throw new IllegalStateException("fewer than " + pairs / 5 + " results within 120 s");
        }
        run.stack().stopBroker();
        Set<Integer> readiness = new TreeSet<>();
        Set<Integer> liveness = new TreeSet<>();
        long[] slowestReadyMs = {0};
        try {
            ScenarioRun.hold(run.options().brokerOutage(), () -> {
                long start = System.nanoTime();
                readiness.add(HealthProbe.ready(service.baseUrl()));
                slowestReadyMs[0] = Math.max(slowestReadyMs[0], (System.nanoTime() - start) / 1_000_000);
                liveness.add(HealthProbe.live(service.baseUrl()));
            });
        } finally {
            run.stack().startBroker();
        }
        run.faultEnded();
        run.detail("outage_s", run.options().brokerOutage().toSeconds());
        run.detail("ready_statuses_during_outage", readiness);
        run.detail("live_statuses_during_outage", liveness);
        // An orchestrator restarts an instance whose liveness fails: waiting for the broker must not look dead.
        run.check("live_during_outage", liveness.equals(Set.of(200)));
        run.detail("slowest_ready_answer_ms", slowestReadyMs[0]);
        // The deployment's probes time out after 3 s: readiness must answer DOWN within that, not hang.
        run.check("ready_answered_down_within_3s", !readiness.contains(200) && !readiness.contains(-1)
                && slowestReadyMs[0] < 3_000);
        load.await();
    }
}
