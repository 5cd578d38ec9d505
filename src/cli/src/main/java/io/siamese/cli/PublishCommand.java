package io.siamese.cli;

import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairPublisher;
import io.siamese.cli.publish.PublishOptions;
import io.siamese.cli.publish.PublishReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siamese publish}: send image pairs (optionally some broken ones) to the pipeline. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Publish image pairs to image-pairs (ImagePair, Confluent Avro; key = pair id), sampled like the seed:"
                + " about half same-class. Metadata carries the true label (\"0\" same, \"1\" different).",
            "--corrupt F breaks that share of pairs: random bytes, truncated PNG, pixel bomb, unsupported format,"
                + " or a value that is not Avro at all. --labelled sends LabelledPair records to labelled-pairs."
        })
public final class PublishCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "fashion-mnist",
            description = "fashion-mnist (test split) or a folder of class folders. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--pairs", defaultValue = "1000",
            description = "Number of pairs; 0 publishes until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    long pairs;

    @Option(names = "--rate", defaultValue = "0",
            description = "Pairs per second; 0 as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--corrupt", defaultValue = "0", paramLabel = "F",
            description = "Share of deliberately broken pairs, 0..1. Default: ${DEFAULT-VALUE}.")
    double corrupt;

    @Option(names = "--labelled", description = "Publish LabelledPair records to labelled-pairs instead.")
    boolean labelled;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object with the results as the last line of stdout.")
    boolean json;

    @Mixin
    StreamOptions stream;

    @Override
    public Integer call() {
        PublishOptions options = new PublishOptions(pairs, rate, seed, corrupt, labelled, PublishOptions.newRunId());
        PairImages images = PairImages.open(data);
        PublishReport report;
        try (PairPublisher publisher = new PairPublisher(stream.endpoints(), images, options);
             TerminalProgress bar = TerminalProgress.forTerminal("publish", pairs, "pairs", json);
             StopOnSignal signal = new StopOnSignal("publish", publisher::stop, Duration.ofSeconds(15))) {
            report = publisher.run((id, broken) -> bar.step(1));
            bar.close();
            print(report, images);
            if (signal.signalled()) {
                return 130;
            }
        }
        return 0;
    }

    private void print(PublishReport report, PairImages images) {
        System.out.printf(Locale.ROOT, "published %d pairs to %s (%d valid, %d corrupt) from %s in %.1f s (%.1f"
                        + " pairs/s)%n", report.total(), report.topic(), report.valid(), report.corrupt(),
                images.dataset().description(), report.seconds(), report.pairsPerSecond());
        Map<String, Long> kinds = new LinkedHashMap<>();
        report.corruptByKind().entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .forEach(e -> kinds.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        if (!kinds.isEmpty()) {
            System.out.println("corrupt by kind: " + kinds);
        }
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("topic", report.topic());
            result.put("pairs", report.total());
            result.put("valid", report.valid());
            result.put("corrupt", report.corrupt());
            result.put("corrupt_kinds", kinds);
            result.put("seconds", report.seconds());
            result.put("pairs_per_s", report.pairsPerSecond());
            JsonResult.print(System.out, result);
        }
    }
}
