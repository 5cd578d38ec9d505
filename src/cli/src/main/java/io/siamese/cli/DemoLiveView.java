package io.siamese.cli;

import io.siamese.cli.demo.DemoListener;
import io.siamese.cli.tail.StreamSnapshot;
import java.util.Locale;

/**
 * Stage messages on stderr, figures on a progress bar's line. The bar starts with the first figures and ends
 * at the next stage message, so messages never land in the middle of it; an event (a promotion) is printed
 * between two bars. With several model versions the line also shows the newest and its own accuracy.
 */
final class DemoLiveView implements DemoListener, AutoCloseable {

    private final long total;
    private final boolean json;
    private TerminalProgress bar;
    private boolean barDone;
    private long shown;

    DemoLiveView(long total, boolean json) {
        this.total = total;
        this.json = json;
    }

    @Override
    public synchronized void stage(String message) {
        close();
        System.err.println(message);
    }

    /** An event ends the current bar line without ending the live view: the next figures start a new bar. */
    @Override
    public synchronized void event(String message) {
        if (bar != null && !barDone) {
            bar.close();
            bar = null;
        }
        System.err.println(message);
    }

    @Override
    public synchronized void progress(long published, StreamSnapshot s) {
        if (barDone) {
            return;
        }
        if (bar == null) {
            bar = TerminalProgress.forTerminal("demo", total, "pairs", json);
            bar.step(shown);
        }
        bar.setExtra(String.format(Locale.ROOT, "sent %d  results %d  dead %d  p50 %d ms  p99 %d ms  acc %s%s",
                published, s.results(), s.deadLetters(), s.latencyMillis().p50(), s.latencyMillis().p99(),
                accuracy(s.accuracy()), current(s)));
        bar.step(Math.max(0, s.handled() - shown));
        shown = Math.max(shown, s.handled());
    }

    private static String accuracy(Double value) {
        return value == null || Double.isNaN(value) ? "--" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** With several model versions: the newest and its own accuracy, which shows a promotion's effect. */
    private static String current(StreamSnapshot s) {
        if (s.accuracyByVersion().size() < 2) {
            return "";
        }
        String newest = s.modelVersions().get(s.modelVersions().size() - 1);
        return "  model " + newest + " acc " + accuracy(s.accuracyByVersion().get(newest));
    }

    @Override
    public synchronized void close() {
        if (bar != null && !barDone) {
            bar.close();
            barDone = true;
        }
    }
}
