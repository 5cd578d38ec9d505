package io.siamese.cli.faults;

import java.nio.file.Path;
import java.util.Map;

/**
 * One fault: it publishes its inputs and injects its fault through a {@link ScenarioRun}; the suite then
 * accounts for every input and checks that the instances still running are alive, ready and serving.
 */
interface FaultScenario {

    /** @return the name given to {@code --scenario} */
    String name();

    /** @return what is done, one line for the report */
    String description();

    /**
     * @param workDir the scenario's own directory
     * @return service properties beyond the topics and application id (a checkpoint store, an admin token)
     */
    default Map<String, String> serviceProperties(Path workDir) {
        return Map.of();
    }

    /**
     * Publishes, injects the fault and ends it ({@link ScenarioRun#faultEnded()}).
     *
     * @throws Exception anything unexpected: the scenario then fails with the message
     */
    void run(ScenarioRun run) throws Exception;
}
