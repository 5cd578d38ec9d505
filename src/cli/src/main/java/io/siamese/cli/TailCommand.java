package io.siamese.cli;

import io.siamese.cli.tail.ResultFormat;
import io.siamese.cli.tail.ResultTail;
import io.siamese.cli.tail.StreamSnapshot;
import io.siamese.cli.tail.StreamStats;
import io.siamese.cli.tail.TailListener;
import io.siamese.cli.tail.TailOptions;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.PairDissimilarity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code siamese tail}: print results (and dead letters) as they arrive. The printed lines are the live view,
 * so this command draws no progress bar (it would interleave with them).
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Print pair-dissimilarities as 'pairId distance decision modelVersion', with the running accuracy where"
                + " the true label is known (decision SAME is right for label 0).",
            "Without --follow, stops once it has caught up with the end of the topics."
        })
public final class TailCommand implements Callable<Integer> {

    @Option(names = {"-f", "--follow"}, description = "Keep printing new records until Ctrl-C.")
    boolean follow;

    @Option(names = "--dead-letters", description = "Also print dead letters from image-pairs-dlq.")
    boolean deadLetters;

    @Option(names = "--from-beginning", description = "Start at the beginning of the topics instead of --last.")
    boolean fromBeginning;

    @Option(names = "--last", defaultValue = "10", paramLabel = "N",
            description = "Start N records before the end of each partition. Default: ${DEFAULT-VALUE}.")
    long last;

    @Option(names = "--json", description = "Print one JSON object with the totals as the last line of stdout.")
    boolean json;

    @Mixin
    StreamOptions stream;

    @Override
    public Integer call() {
        StreamStats stats = new StreamStats();
        TailOptions options = new TailOptions(deadLetters, follow, fromBeginning ? -1 : Math.max(0, last));
        ResultTail tail = new ResultTail(stream.endpoints(), options, new Printer(stats));
        boolean signalled;
        try (StopOnSignal signal = new StopOnSignal("tail", tail::stop, Duration.ofSeconds(10))) {
            tail.run();
            summarise(stats.snapshot());
            signalled = signal.signalled();
        }
        return signalled ? 130 : 0;
    }

    private void summarise(StreamSnapshot s) {
        String accuracy = Double.isNaN(s.accuracy()) ? "n/a" : String.format(Locale.ROOT, "%.4f", s.accuracy());
        System.out.printf(Locale.ROOT, "%d results, %d dead letters; accuracy %s on %d labelled; latency p50 %d ms"
                + " p99 %d ms%n", s.results(), s.deadLetters(), accuracy, s.labelled(), s.latencyMillis().p50(),
                s.latencyMillis().p99());
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("results", s.results());
            result.put("dead_letters", s.deadLetters());
            result.put("unreadable", s.unreadable());
            result.put("accuracy", s.accuracy());
            result.put("model_versions", s.modelVersions());
            result.put("accuracy_by_version", s.accuracyByVersion());
            result.put("dead_letter_kinds", s.deadLettersByKind());
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", s.latencyMillis().p50());
            latency.put("p99", s.latencyMillis().p99());
            result.put("latency_ms", latency);
            JsonResult.print(System.out, result);
        }
    }

    /** Prints each record as it arrives. */
    private static final class Printer implements TailListener {
        private final StreamStats stats;

        Printer(StreamStats stats) {
            this.stats = stats;
        }

        @Override
        public void onResult(String key, PairDissimilarity result, long receivedAt) {
            Optional<Boolean> correct = stats.recordResult(result, receivedAt);
            System.out.println(ResultFormat.result(key, result, correct, stats.accuracy()));
        }

        @Override
        public void onDeadLetter(String key, DeadLetter deadLetter, long receivedAt) {
            stats.recordDeadLetter(deadLetter);
            System.out.println(ResultFormat.deadLetter(key, deadLetter));
        }

        @Override
        public void onUnreadable(String topic, int partition, long offset, Exception error) {
            stats.recordUnreadable();
            System.err.println("skipped unreadable record " + topic + "[" + partition + "]@" + offset + ": "
                    + error.getMessage());
        }
    }
}
