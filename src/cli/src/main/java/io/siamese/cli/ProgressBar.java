package io.siamese.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One-line terminal progress bar for long-running commands, redrawn in place with {@code \r}:
 *
 * <pre>train epoch 3/10 [#########.........]  45%  1234/2730  55.2 pairs/s  ETA 00:27  loss 0.1234</pre>
 *
 * <p>Redraws are throttled to about ten per second because terminals slow down noticeably when
 * flooded, and the rate is an exponential moving average so the ETA does not jump around with
 * every uneven batch. A disabled bar prints nothing, so callers need no {@code if} around it.
 * All methods are thread-safe.
 */
public final class ProgressBar implements AutoCloseable {

    /** Minimum time between two redraws. */
    static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    static final int BAR_WIDTH = 30;
    /** Weight of the newest rate sample; lower is smoother but slower to react. */
    private static final double SMOOTHING = 0.3;

    private final String task;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean enabled;
    private final LongSupplier nanoClock;
    private final long startNanos;

    private long done;
    private String extra = "";
    private long lastDrawNanos;
    private long lastSampleNanos;
    private long lastSampleDone;
    private double smoothedRate = Double.NaN;
    private int lastLineLength;
    private boolean closed;

    /**
     * Creates a bar counting generic items, using the system clock.
     *
     * @param task    text before the bar, e.g. "train epoch 3/10"
     * @param total   number of steps expected; 0 or less shows no bar, percentage or ETA
     * @param out     where to draw, normally {@code System.err}
     * @param enabled false to print nothing at all
     */
    public ProgressBar(String task, long total, PrintStream out, boolean enabled) {
        this(task, total, "it", out, enabled, System::nanoTime);
    }

    /**
     * Creates a bar with an explicit unit and clock; the clock makes rate and ETA testable.
     *
     * @param task      text before the bar
     * @param total     number of steps expected; 0 or less shows no bar, percentage or ETA
     * @param unit      what a step is, shown as "unit/s", e.g. "pairs"
     * @param out       where to draw
     * @param enabled   false to print nothing at all
     * @param nanoClock monotonic time in nanoseconds, like {@link System#nanoTime()}
     */
    public ProgressBar(String task, long total, String unit, PrintStream out, boolean enabled,
                       LongSupplier nanoClock) {
        this.task = Objects.requireNonNull(task, "task");
        this.total = total;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.out = Objects.requireNonNull(out, "out");
        this.enabled = enabled;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
        this.lastSampleNanos = startNanos;
        if (enabled) {
            draw(startNanos); // show the bar at once, even if the first step takes a while
        }
    }

    /**
     * A bar on standard error, shown only on an interactive terminal.
     *
     * @param task  text before the bar
     * @param total number of steps expected
     * @param unit  what a step is, e.g. "pairs"
     * @return a bar that is silent when output is redirected
     */
    public static ProgressBar forTerminal(String task, long total, String unit) {
        return forTerminal(task, total, unit, false);
    }

    /**
     * A bar on standard error, shown only on an interactive terminal and never with --json.
     *
     * <p>Piped or logged output would otherwise fill with carriage-return garbage, and --json
     * consumers expect nothing but the final JSON line. On Java 17, {@code System.console()}
     * is null whenever the process is not attached to a terminal.
     *
     * @param task     text before the bar
     * @param total    number of steps expected
     * @param unit     what a step is, e.g. "pairs"
     * @param jsonMode whether the command runs with --json
     * @return a bar that is silent when not on a terminal or in JSON mode
     */
    public static ProgressBar forTerminal(String task, long total, String unit, boolean jsonMode) {
        boolean enabled = !jsonMode && System.console() != null;
        return new ProgressBar(task, total, unit, System.err, enabled, System::nanoTime);
    }

    /**
     * Advances the bar, redrawing when the throttle allows or the task has just completed.
     *
     * @param n number of steps completed since the last call, not negative
     */
    public synchronized void step(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("steps must not be negative: " + n);
        }
        if (closed) {
            return;
        }
        boolean wasComplete = total > 0 && done >= total;
        done += n;
        boolean justCompleted = !wasComplete && total > 0 && done >= total;
        long now = nanoClock.getAsLong();
        if (enabled && (justCompleted || now - lastDrawNanos >= REDRAW_INTERVAL_NANOS)) {
            draw(now);
        }
    }

    /**
     * Sets trailing text such as "loss 0.1234"; shown from the next redraw on.
     *
     * @param text the text, or null for none
     */
    public synchronized void setExtra(String text) {
        extra = text == null ? "" : text;
    }

    /** Number of steps completed so far. */
    public synchronized long done() {
        return done;
    }

    /** Draws the final state and ends the line, so later output starts on a fresh line. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (enabled) {
            draw(nanoClock.getAsLong());
            out.println();
            out.flush();
        }
    }

    private void draw(long now) {
        sampleRate(now);
        String line = ProgressLine.format(task, done, total, unit, smoothedRate,
                (now - startNanos) / 1e9, extra, BAR_WIDTH);
        // Pad with spaces so a shorter line fully covers the previous, longer one.
        int padding = Math.max(0, lastLineLength - line.length());
        out.print("\r" + line + " ".repeat(padding));
        out.flush();
        lastLineLength = line.length();
        lastDrawNanos = now;
    }

    private void sampleRate(long now) {
        long elapsed = now - lastSampleNanos;
        if (elapsed <= 0) {
            return; // no time has passed: no rate information yet
        }
        double rate = (done - lastSampleDone) * 1e9 / elapsed;
        smoothedRate = Double.isNaN(smoothedRate) ? rate : SMOOTHING * rate + (1 - SMOOTHING) * smoothedRate;
        lastSampleNanos = now;
        lastSampleDone = done;
    }

    /** Shows task and progress, for debugging. */
    @Override
    public synchronized String toString() {
        return String.format(Locale.ROOT, "ProgressBar[%s %d/%d]", task, done, total);
    }
}
