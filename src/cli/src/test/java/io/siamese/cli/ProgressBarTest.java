package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(5 * SECOND);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private ProgressBar bar(long total, boolean enabled) {
        return new ProgressBar("train epoch 3/10", total, "pairs", out, enabled, nanos::get);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The most recently drawn line, without the carriage return and padding. */
    private String lastLine() {
        String text = output();
        return text.substring(text.lastIndexOf('\r') + 1).strip();
    }

    @Test
    void shouldShowPercentCountRateEtaAndExtra() {
        ProgressBar progress = bar(1000, true);
        nanos.addAndGet(SECOND);
        progress.setExtra("loss 0.1234");
        progress.step(50);

        assertEquals("train epoch 3/10 [##............................]   5%  50/1000  50.0 pairs/s"
                + "  ETA 00:19  loss 0.1234", lastLine());
    }

    @Test
    void shouldDrawImmediatelyWithUnknownRate() {
        bar(1000, true);

        assertTrue(output().startsWith("\r"), "lines are redrawn in place");
        assertTrue(lastLine().endsWith("0/1000  -- pairs/s  ETA --:--"), lastLine());
    }

    @Test
    void shouldThrottleRedrawsToTenPerSecond() {
        ProgressBar progress = bar(1000, true);
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(SECOND / 100); // 100 steps over one second
            progress.step(1);
        }

        long redraws = output().chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 9 && redraws <= 11, "redrew " + redraws + " times");
    }

    @Test
    void shouldSmoothTheRateAcrossRedraws() {
        ProgressBar progress = bar(10_000, true);
        nanos.addAndGet(SECOND);
        progress.step(50);
        nanos.addAndGet(SECOND);
        progress.step(100);

        // 0.3 * 100/s + 0.7 * 50/s
        assertTrue(lastLine().contains("65.0 pairs/s"), lastLine());
    }

    @Test
    void shouldDrawCompletionAtOnceAndEndLineOnClose() {
        ProgressBar progress = bar(100, true);
        nanos.addAndGet(SECOND / 1000); // well inside the throttle window
        progress.step(100);

        assertTrue(lastLine().contains("[##############################] 100%  100/100"), lastLine());
        assertTrue(lastLine().contains("took 00:01"), lastLine());

        progress.close();
        progress.close();
        assertTrue(output().endsWith(System.lineSeparator()));
        assertEquals(1, output().split(System.lineSeparator(), -1).length - 1, "exactly one newline");
    }

    @Test
    void shouldPadShorterLinesToEraseThePreviousOne() {
        ProgressBar progress = bar(1000, true);
        progress.setExtra("a rather long trailing message");
        nanos.addAndGet(SECOND);
        progress.step(1);
        progress.setExtra(null);
        nanos.addAndGet(SECOND);
        progress.step(1);

        String text = output();
        String last = text.substring(text.lastIndexOf('\r'));
        String previous = text.substring(0, text.lastIndexOf('\r'));
        previous = previous.substring(previous.lastIndexOf('\r'));
        assertEquals(previous.length(), last.length());
    }

    @Test
    void shouldPrintNothingWhenDisabled() {
        try (ProgressBar progress = bar(10, false)) {
            nanos.addAndGet(SECOND);
            progress.setExtra("loss 1");
            progress.step(10);
        }

        assertEquals("", output());
    }

    @Test
    void shouldCountWithoutBarWhenTotalIsUnknown() {
        ProgressBar progress = bar(0, true);
        nanos.addAndGet(2 * SECOND);
        progress.step(7);

        assertEquals("train epoch 3/10  7  3.50 pairs/s", lastLine());
    }

    @Test
    void shouldRejectNegativeSteps() {
        ProgressBar progress = bar(10, false);

        assertThrows(IllegalArgumentException.class, () -> progress.step(-1));
    }

    @Test
    void shouldFormatLongDurationsWithHoursAndRoundUp() {
        assertEquals("1:02:05", ProgressLine.formatDuration(3725));
        assertEquals("00:01", ProgressLine.formatDuration(0.2));
        assertEquals("1234", ProgressLine.formatRate(1234.4));
        assertEquals("5.25", ProgressLine.formatRate(5.25));
    }

    @Test
    void shouldStaySilentOffTerminalOrInJsonMode() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            try (ProgressBar json = ProgressBar.forTerminal("x", 10, "pairs", true)) {
                json.step(10);
            }
            if (System.console() == null) { // as under a build tool, with output piped
                try (ProgressBar piped = ProgressBar.forTerminal("x", 10, "pairs")) {
                    piped.step(10);
                }
            }
        } finally {
            System.setErr(originalErr);
        }

        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
