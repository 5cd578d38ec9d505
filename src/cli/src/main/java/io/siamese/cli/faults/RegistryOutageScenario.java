package io.siamese.cli.faults;

import io.siamese.localstack.ServiceProcess;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry is down while pairs keep coming and a second instance starts (it has no schema cached). Valid
 * pairs must wait, never be dead-lettered; readiness should report the outage; after the registry returns
 * everything flows without a restart.
 */
final class RegistryOutageScenario implements FaultScenario {

    @Override
    public String name() {
        return "registry-outage";
    }

    @Override
    public String description() {
        return "the registry is down while pairs arrive and a second instance starts; then it returns";
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        ServiceProcess first = run.fleet().start("a");
        int third = run.options().pairs() / 3;
        run.publishValid(third); // caches the publisher's schema id, and the first instance's
        run.awaitResults(third, FaultSuite.FINAL_CHECK);
        run.stack().stopRegistry();
        ServiceProcess second;
        Set<Integer> firstReady = new TreeSet<>();
        Set<Integer> secondReady = new TreeSet<>();
        Set<String> secondRegistryCheck = new TreeSet<>();
        try {
            second = run.fleet().launch("b");
            // Pairs published once the new instance has its partitions need it to look their schema up.
            ScenarioRun.poll(() -> "UP".equals(HealthProbe.readinessCheck(second.baseUrl(), "kafka-streams")),
                    ServiceFleet.READY_TIMEOUT);
            // RUNNING can come before the rebalance hands it partitions; until then the first instance, whose
            // schema cache needs no registry, would score every new pair and the second would never meet the
            // outage (seen once the encoder got fast enough to finish them first).
            boolean secondHasPartitions = ScenarioRun.poll(() -> HealthProbe.assignedPartitions(second.baseUrl()) > 0,
                    ServiceFleet.READY_TIMEOUT);
            run.detail("second_had_partitions_before_publishing", secondHasPartitions);
            run.publishValid(third);
            Runnable sample = () -> {
                firstReady.add(HealthProbe.ready(first.baseUrl()));
                secondReady.add(HealthProbe.ready(second.baseUrl()));
                secondRegistryCheck.add(HealthProbe.readinessCheck(second.baseUrl(), "schema-registry"));
            };
            ScenarioRun.hold(run.options().registryOutage(), sample);
            // Its first pair may come after a short outage's sampling ended: wait (bounded) until it has met the
            // outage, so the check below is about behaviour, not start-up speed.
            ScenarioRun.poll(() -> {
                sample.run();
                return secondRegistryCheck.contains("DOWN");
            }, FaultSuite.FINAL_CHECK);
        } finally {
            run.stack().startRegistry();
        }
        run.faultEnded();
        run.detail("outage_s", run.options().registryOutage().toSeconds());
        run.detail("ready_statuses_during_outage_a", firstReady);
        run.detail("ready_statuses_during_outage_b", secondReady);
        // Reported, not required: readiness should go down while the registry is unreachable.
        run.detail("ready_went_down_during_outage", !firstReady.equals(Set.of(200)));
        run.detail("registry_check_during_outage_b", secondRegistryCheck);
        // The instance started during the outage needs the registry for its first pair, and must say so.
        run.check("readiness_named_the_registry_outage", secondRegistryCheck.contains("DOWN"));
        run.check("started_during_outage_ready_after", ScenarioRun.poll(
                () -> HealthProbe.ready(second.baseUrl()) == 200, ServiceFleet.READY_TIMEOUT));
        run.publishValid(run.options().pairs() - 2 * third);
    }
}
