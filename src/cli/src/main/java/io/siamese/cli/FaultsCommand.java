package io.siamese.cli;

import io.siamese.cli.faults.FaultReport;
import io.siamese.cli.faults.FaultSuite;
import io.siamese.cli.faults.FaultSuiteOptions;
import io.siamese.cli.faults.ScenarioResult;
import io.siamese.localstack.StackFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code siamese faults}: the fault suite, on a local broker, registry and real service processes. */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fault suite on real processes: a local Kafka broker and schema registry, and the packaged service"
                + " (shipped model, -Xmx820m as deployed) as separate processes. Each scenario publishes labelled"
                + " pairs and hostile input on topics of its own, injects its fault, and accounts for every input"
                + " by its partition and offset: exactly one result or one dead letter (read_committed).",
            "A scenario is ok with 0 lost, 0 duplicated, 0 misrouted, its own checks passed, and every instance"
                + " still running live, ready and serving. Exit status 1 when any scenario is not ok.",
            "Scenarios: hostile-records, decode-bombs, kill-inflight, two-instances-kill, scale-out,"
                + " broker-outage, registry-outage, checkpoints."
        })
public final class FaultsCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Run this scenario (repeatable). Default: all, in the order above.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--pairs", defaultValue = "300",
            description = "Valid pairs per scenario. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--broker-outage", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long the broker stays down. Default: ${DEFAULT-VALUE}.")
    int brokerOutage;

    @Option(names = "--registry-outage", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long the registry stays down. Default: ${DEFAULT-VALUE}.")
    int registryOutage;

    @Option(names = "--settle", defaultValue = "180", paramLabel = "SECONDS",
            description = "After a fault, how long every input may take to be accounted for. Default: ${DEFAULT-VALUE}.")
    int settle;

    @Option(names = "--data", defaultValue = "fashion-mnist",
            description = "fashion-mnist (test split) or a folder of class folders. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--work-dir", defaultValue = "work/faults",
            description = "Stack, service state and logs. Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Option(names = "--guarantee", defaultValue = FaultSuiteOptions.EXACTLY_ONCE,
            description = "The instances' processing guarantee: exactly_once_v2 (duplicates fail) or at_least_once"
                    + " (duplicates counted). Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(names = "--json", description = "Print one JSON object with the results as the last line of stdout.")
    boolean json;

    @Override
    public Integer call() {
        // The suite stops the broker on purpose: its own clients' reconnect warnings would bury the report.
        // Read by slf4j-simple when each Kafka logger is created, which is after this point.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        FaultSuiteOptions options = new FaultSuiteOptions(scenarios, pairs, Duration.ofSeconds(brokerOutage),
                Duration.ofSeconds(registryOutage), Duration.ofSeconds(settle), data,
                StackFiles.home().resolve("models").resolve("default"), workDir.toAbsolutePath(), guarantee);
        List<ScenarioResult> results = new FaultSuite(options, line -> System.err.println("faults: " + line)).run();
        System.out.print(FaultReport.table(results));
        if (json) {
            JsonResult.print(System.out, FaultReport.json(results));
        }
        return results.stream().allMatch(ScenarioResult::ok) ? 0 : 1;
    }
}
