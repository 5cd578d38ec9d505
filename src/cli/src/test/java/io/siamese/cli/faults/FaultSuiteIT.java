package io.siamese.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.cli.JsonResult;
import io.siamese.localstack.StackFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./siamese faults} in a smaller form, through the same code as the command: every scenario with
 * fewer pairs and shorter outages (about 6-7 minutes on a 2-core machine). Nothing may be lost or duplicated
 * in any scenario; the whole report is printed (target/failsafe-reports) whatever the outcome.
 */
class FaultSuiteIT {

    @TempDir
    Path work;

    @Test
    void shouldAccountForEveryInputExactlyOnceUnderEveryFault() {
        FaultSuiteOptions options = new FaultSuiteOptions(List.of(), 30, Duration.ofSeconds(8),
                Duration.ofSeconds(12), Duration.ofSeconds(90), "fashion-mnist",
                StackFiles.home().resolve("models").resolve("default"), work,
                FaultSuiteOptions.EXACTLY_ONCE);
        List<ScenarioResult> results = new FaultSuite(options, line -> System.out.println("faults: " + line)).run();
        System.out.print(FaultReport.table(results));
        Map<String, Object> json = FaultReport.json(results);
        JsonResult.print(System.out, json);

        assertEquals(Scenarios.names(), results.stream().map(ScenarioResult::name).toList());
        assertEquals(0L, json.get("lost"), FaultReport.table(results));
        assertEquals(0L, json.get("duplicated"), FaultReport.table(results));
        assertEquals(List.of(), results.stream().filter(r -> !r.ok()).map(FaultReport::summary).toList(),
                "scenarios not ok");
    }
}
