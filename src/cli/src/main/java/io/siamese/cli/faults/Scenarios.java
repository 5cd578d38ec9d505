package io.siamese.cli.faults;

import java.util.ArrayList;
import java.util.List;

/** Every fault scenario, in the order the suite runs them. */
public final class Scenarios {

    private static final List<FaultScenario> ALL = List.of(new HostileRecordsScenario(), new DecodeBombsScenario(),
            new KillInflightScenario(), new TwoInstancesKillScenario(), new ScaleOutScenario(),
            new BrokerOutageScenario(), new RegistryOutageScenario(), new CheckpointsScenario());

    private Scenarios() {
    }

    /** @return the names of every scenario, in order */
    public static List<String> names() {
        return ALL.stream().map(FaultScenario::name).toList();
    }

    /**
     * @param names scenario names; empty selects all
     * @return the scenarios named, in the suite's order
     * @throws IllegalArgumentException for a name no scenario has
     */
    static List<FaultScenario> select(List<String> names) {
        List<String> unknown = new ArrayList<>(names);
        unknown.removeAll(names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario " + unknown + "; known: " + names());
        }
        return ALL.stream().filter(s -> names.isEmpty() || names.contains(s.name())).toList();
    }
}
