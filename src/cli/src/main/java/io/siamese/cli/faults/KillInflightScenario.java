package io.siamese.cli.faults;

import java.time.Duration;
import java.util.Map;
import java.nio.file.Path;

/**
 * {@code kill -9} of the only instance while a burst is being scored (results have started, not all have
 * arrived: batches buffered, pipelined on inference threads and lingering), then a restart on the same state.
 */
final class KillInflightScenario implements FaultScenario {

    @Override
    public String name() {
        return "kill-inflight";
    }

    @Override
    public String description() {
        return "kill -9 of the instance when a burst's first results are out, then a restart on its state dir";
    }

    @Override
    public Map<String, String> serviceProperties(Path workDir) {
        // Lingered batches beside full, pipelined ones: both kinds are in flight at the kill.
        return Map.of("siamese.batch.max-linger", "50ms");
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        run.fleet().start("a");
        int pairs = run.options().pairs();
        PacedLoad burst = run.load(pairs, 1000);
        if (!run.awaitResults(1, Duration.ofSeconds(120))) {
            throw new IllegalStateException("no result within 120 s before the kill");
        }
        run.fleet().kill("a");
        long atKill = run.ledger().resultCount();
        run.detail("results_at_kill", atKill);
        run.check("killed_with_pairs_in_flight", atKill < pairs);
        run.fleet().launch("a");
        run.faultEnded();
        burst.await();
    }
}
