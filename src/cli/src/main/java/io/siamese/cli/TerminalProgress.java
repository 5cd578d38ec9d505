package io.siamese.cli;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress line of a long-running command, drawn by the me.tongfei progressbar library on
 * standard error when that is an interactive terminal, and nothing at all otherwise:
 *
 * <pre>epoch 1/3  24% [========            ]  72/300 steps (0:00:00 / 0:00:01) 150.0 steps/s  loss 0.0139</pre>
 *
 * <p>The library draws the line at once and then redraws it in place with a carriage return on its own
 * thread, about ten times a second and only after progress. It has no quiet mode of its own: off a terminal
 * it still prints a carriage-return frame per redraw, which floods piped output and CI logs,
 * and --json consumers expect nothing but the final JSON line. So in both cases no library bar
 * is built and every method here does nothing, which spares callers an {@code if} around each
 * call. Thread-safe, like the library's bar.
 */
public final class TerminalProgress implements AutoCloseable {

    /** Time between two redraws. */
    static final int REDRAW_MILLIS = 100;

    /** Null when silent. */
    private final ProgressBar bar;
    private boolean closed;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A progress line on standard error, shown only on an interactive terminal and never with --json.
     * On Java 17, {@code System.console()} is null whenever the process is not attached to a terminal.
     *
     * @param task     text before the bar, e.g. "epoch 3/10"
     * @param total    number of steps expected; 0 or less shows a count without percentage or ETA
     * @param unit     what a step is, e.g. "pairs"
     * @param jsonMode whether the command runs with --json
     * @return a progress line that is silent when not on a terminal or in JSON mode
     */
    public static TerminalProgress forTerminal(String task, long total, String unit, boolean jsonMode) {
        if (jsonMode || System.console() == null) {
            return new TerminalProgress(null);
        }
        // Our own System.err rather than the library's default, a raw stream on file descriptor 2,
        // so that a redirected System.err is honoured; the width comes from the terminal.
        return drawingTo(new ConsoleProgressBarConsumer(System.err), task, total, unit);
    }

    /** {@link #forTerminal(String, long, String, boolean)} outside JSON mode. */
    public static TerminalProgress forTerminal(String task, long total, String unit) {
        return forTerminal(task, total, unit, false);
    }

    /**
     * A progress line drawn to any library consumer, e.g. a {@link ConsoleProgressBarConsumer}
     * on a captured stream with a fixed width, as the tests use.
     */
    static TerminalProgress drawingTo(ProgressBarConsumer consumer, String task, long total, String unit) {
        DecimalFormat rate = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return new TerminalProgress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1) // -1: the library's bar of unknown length
                .setUnit(" " + unit, 1)
                .showSpeed(rate)
                .setStyle(ProgressBarStyle.ASCII) // legible in any locale's encoding
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .setConsumer(consumer)
                .build());
    }

    /**
     * Advances the bar; drawn at the next redraw.
     *
     * @param n number of steps completed since the last call
     */
    public void step(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /**
     * Sets trailing text such as "loss 0.1234"; shown from the next redraw on.
     *
     * @param text the text, or null for none
     */
    public void setExtra(String text) {
        if (bar != null) {
            // The library appends the message straight after the rate: separate them.
            bar.setExtraMessage(text == null || text.isEmpty() ? "" : "  " + text);
        }
    }

    /** Draws the final state and ends the line, once, so later output starts on a fresh line. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (bar != null) {
            bar.close(); // waits for the final redraw; closing twice would print a second newline
        }
    }
}
