package io.siamese.cli.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One round of {@code bench stream}: a backlog run per batch setting, then a latency run paced at half
 * the round's best throughput. Rounds repeat in the same order (A B C P A B C P ...), so a drift in
 * the shared machine's speed touches every setting alike, and each figure is read within its round.
 *
 * @param backlog the backlog runs, in the order of the settings
 * @param paced the latency run
 */
public record StreamRound(List<StreamRun> backlog, StreamRun paced) {

    /** The backlog run with the best throughput. */
    public StreamRun best() {
        return backlog.stream().max(Comparator.comparingDouble(StreamRun::pairsPerSecond)).orElseThrow();
    }

    /** The best throughput as a share of the raw encoder at the same batch size. */
    public double bestVsRaw() {
        return best().pairsPerSecond() / best().rawPairsPerSecond();
    }

    /** The best throughput over batch size 1's; NaN without a batch-size-1 setting. */
    public double batchingGain() {
        return backlog.stream().filter(r -> r.batchSize() == 1).findFirst()
                .map(one -> best().pairsPerSecond() / one.pairsPerSecond()).orElse(Double.NaN);
    }

    /** Every run, the latency run last. */
    public List<StreamRun> runs() {
        return java.util.stream.Stream.concat(backlog.stream(), java.util.stream.Stream.of(paced)).toList();
    }

    /** This round with each run's raw encoder figure replaced. */
    public StreamRound withRaw(Function<StreamRun, Double> raw) {
        return new StreamRound(backlog.stream().map(r -> r.withRaw(raw.apply(r))).toList(), paced.withRaw(raw.apply(paced)));
    }

    /** The round's figures, for --json. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs());
        m.put("best_batch_size", best().batchSize());
        m.put("best_pairs_per_s", best().pairsPerSecond());
        m.put("best_vs_raw", bestVsRaw());
        m.put("batching_speedup", batchingGain());
        m.put("p50_ms_at_half", paced.p50Ms());
        m.put("p99_ms_at_half", paced.p99Ms());
        return m;
    }
}
