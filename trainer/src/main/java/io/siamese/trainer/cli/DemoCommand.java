package io.siamese.trainer.cli;

import io.siamese.trainer.demo.DemoListener;
import io.siamese.trainer.demo.DemoOptions;
import io.siamese.trainer.demo.DemoRun;
import io.siamese.trainer.demo.DemoSummary;
import io.siamese.trainer.stack.StackFiles;
import io.siamese.trainer.stream.StreamSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siamese demo}: the whole pipeline on this machine, with a live view and a summary. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start a local Kafka broker and schema registry, the streaming service with a model, publish pairs and"
                + " watch results and dead letters come back: throughput, latency (eventTime to receipt), accuracy.",
            "Stops on Ctrl-C or when every pair came back; always stops the service, broker and registry."
        })
public final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--pairs", defaultValue = "2000",
            description = "Pairs to publish; 0 publishes until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    long pairs;

    @Option(names = "--rate", defaultValue = "100",
            description = "Pairs per second; 0 as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--corrupt", defaultValue = "0", paramLabel = "F",
            description = "Share of deliberately broken pairs (they go to the dead-letter topic), 0..1."
                    + " Default: ${DEFAULT-VALUE}.")
    double corrupt;

    @Option(names = "--data", defaultValue = "fashion-mnist",
            description = "fashion-mnist (test split) or a folder of class folders. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--model",
            description = "Checkpoint directory for the service. Default: the shipped models/default.")
    Path model;

    @Option(names = "--batch-size", defaultValue = "32",
            description = "The service's largest micro-batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--linger-ms", defaultValue = "20",
            description = "The service's longest wait for a batch to fill. Default: ${DEFAULT-VALUE}.")
    long lingerMs;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--idle-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "After publishing, give up when nothing arrives for this long. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutSeconds;

    @Option(names = "--work-dir", description = "Where data and logs go. Default: work/demo-<timestamp>.")
    Path workDir;

    @Option(names = "--json", description = "Print one JSON object with the results as the last line of stdout.")
    boolean json;

    @Override
    public Integer call() {
        Path dir = workDir != null ? workDir
                : StackFiles.home().resolve("work").resolve("demo-" + LocalDateTime.now().format(STAMP));
        DemoOptions options = new DemoOptions(pairs, rate, corrupt, data,
                model != null ? model : CommonOptions.defaultModel(), batchSize, Duration.ofMillis(lingerMs), seed,
                Duration.ofSeconds(idleTimeoutSeconds), dir);
        DemoSummary summary;
        boolean signalled;
        try (LiveView view = new LiveView(pairs, json)) {
            DemoRun run = new DemoRun(options, view);
            // Stopping the service, broker and registry takes a while: the hook waits up to a minute for it.
            try (StopOnSignal signal = new StopOnSignal("demo", run::stop, Duration.ofSeconds(60))) {
                summary = run.run();
                view.close();
                System.out.println(summary.toText());
                if (json) {
                    JsonResult.print(System.out, summary.toJson());
                }
                signalled = signal.signalled();
            }
        }
        if (signalled || summary.outcome() == DemoSummary.Outcome.INTERRUPTED) {
            return 130;
        }
        return summary.outcome() == DemoSummary.Outcome.COMPLETE ? 0 : 1;
    }

    /**
     * Stage messages on stderr, figures on a progress bar's line. The bar starts with the first figures and ends
     * at the next stage message, so messages never land in the middle of it.
     */
    private static final class LiveView implements DemoListener, AutoCloseable {
        private final long total;
        private final boolean json;
        private ProgressBar bar;
        private boolean barDone;
        private long shown;

        LiveView(long total, boolean json) {
            this.total = total;
            this.json = json;
        }

        @Override
        public synchronized void stage(String message) {
            close();
            System.err.println(message);
        }

        @Override
        public synchronized void progress(long published, StreamSnapshot s) {
            if (barDone) {
                return;
            }
            if (bar == null) {
                bar = ProgressBar.forTerminal("demo", total, "pairs", json);
            }
            bar.setExtra(String.format(Locale.ROOT, "sent %d  results %d  dead %d  p50 %d ms  p99 %d ms  acc %s",
                    published, s.results(), s.deadLetters(), s.latencyMillis().p50(), s.latencyMillis().p99(),
                    Double.isNaN(s.accuracy()) ? "--" : String.format(Locale.ROOT, "%.3f", s.accuracy())));
            bar.step(Math.max(0, s.handled() - shown));
            shown = Math.max(shown, s.handled());
        }

        @Override
        public synchronized void close() {
            if (bar != null && !barDone) {
                bar.close();
                barDone = true;
            }
        }
    }
}
