package io.siamese.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRoundTest {

    private static StreamRun backlog(int batch, double pairsPerSecond, double raw) {
        return new StreamRun(batch, 10, 1000, pairsPerSecond, -1, -1, raw, 0, -1, -1, null, null);
    }

    private static StreamRun paced(long p99) {
        return new StreamRun(32, 10, 1000, 500, 40, p99, 4000, 500, 30, p99 - 10, null, null);
    }

    @Test
    void shouldReadTheBatchingGainAndTheShareOfTheRawEncoderWithinTheRound() {
        StreamRound round = new StreamRound(List.of(backlog(1, 1000, 2000), backlog(32, 3500, 5000),
                backlog(64, 3000, 6000)), paced(180));

        assertEquals(32, round.best().batchSize());
        assertEquals(3.5, round.batchingGain(), 1e-9);
        assertEquals(0.7, round.bestVsRaw(), 1e-9);
        assertEquals(180L, round.summary().get("p99_ms_at_half"));
        assertEquals(4, round.runs().size());
    }

    @Test
    void shouldHaveNoBatchingGainWithoutABatchSizeOneRun() {
        StreamRound round = new StreamRound(List.of(backlog(32, 3500, 5000)), paced(200));

        assertTrue(Double.isNaN(round.batchingGain()));
    }

    @Test
    void shouldReplaceTheRawFigureOfEveryRun() {
        StreamRound round = new StreamRound(List.of(backlog(1, 1000, 2000), backlog(32, 3500, 5000)), paced(180))
                .withRaw(run -> 7000.0);

        assertTrue(round.runs().stream().allMatch(r -> r.rawPairsPerSecond() == 7000.0));
        assertEquals(0.5, round.bestVsRaw(), 1e-9);
    }
}
