package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** {@link TerminalProgress}: what the library draws through it, and when nothing is drawn. */
class TerminalProgressTest {

    private static final int WIDTH = 120;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private TerminalProgress bar(long total) {
        return TerminalProgress.drawingTo(new ConsoleProgressBarConsumer(out, WIDTH), "train epoch 3/10", total,
                "pairs");
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits (at most 10 s) for the frame the library draws on its own thread when a bar is created: a bar closed
     * while that first draw runs can print it after the closing newline.
     */
    private void awaitFirstFrame() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (output().indexOf('\r') < 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(output().startsWith("\r"), "no first frame within 10 s");
    }

    /** The most recently drawn frame, without the carriage return and the closing newline. */
    private String lastFrame() {
        String text = output().stripTrailing();
        return text.substring(text.lastIndexOf('\r') + 1);
    }

    @Test
    void shouldShowTaskPercentCountRateAndExtraInFramesOfTheFullWidth() {
        TerminalProgress progress = bar(1000);
        awaitFirstFrame();
        progress.setExtra("loss 0.1234");
        progress.step(450);
        progress.close();

        String frame = lastFrame();
        assertTrue(frame.startsWith("train epoch 3/10  45% [=="), frame);
        assertTrue(frame.contains("]  450/1000 pairs ("), frame);
        assertTrue(frame.matches(".* (\\?|\\d+\\.\\d) pairs/s  loss 0\\.1234"), frame);
        // Equal widths: a shorter frame never leaves the end of a longer one on screen.
        assertEquals(WIDTH, frame.length(), frame);
    }

    @Test
    void shouldDrawCompletionOnCloseEndingTheLineOnce() {
        TerminalProgress progress = bar(100);
        awaitFirstFrame();
        progress.step(100);
        progress.close();
        progress.close();

        String text = output();
        assertTrue(text.startsWith("\rtrain epoch 3/10   0% ["), "the bar shows before the first step: " + text);
        assertTrue(lastFrame().contains(" 100% [" + "=".repeat(10)), lastFrame());
        assertTrue(lastFrame().contains("] 100/100 pairs ("), lastFrame());
        assertTrue(text.endsWith(System.lineSeparator()));
        assertEquals(1, text.split(System.lineSeparator(), -1).length - 1, "exactly one newline");
    }

    @Test
    void shouldRedrawAboutTenTimesASecondRatherThanPerStep() {
        long started = System.nanoTime();
        try (TerminalProgress progress = bar(20_000)) {
            awaitFirstFrame();
            for (int i = 0; i < 20_000; i++) {
                progress.step(1);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        long frames = output().chars().filter(c -> c == '\r').count();
        long allowed = millis / TerminalProgress.REDRAW_MILLIS + 3; // first, final and one in flight
        assertTrue(frames >= 2 && frames <= allowed, frames + " frames in " + millis + " ms");
        assertTrue(lastFrame().contains("20000/20000 pairs"), lastFrame());
    }

    @Test
    void shouldCountWithoutPercentageWhenTotalIsUnknown() {
        try (TerminalProgress progress = bar(0)) {
            awaitFirstFrame();
            progress.step(7);
        }

        assertTrue(lastFrame().contains(" ? % ["), lastFrame());
        assertTrue(lastFrame().contains("] 7/? pairs ("), lastFrame());
    }

    @Test
    void shouldStaySilentInJsonModeAndOffTerminal() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            try (TerminalProgress json = TerminalProgress.forTerminal("x", 10, "pairs", true)) {
                json.setExtra("loss 1");
                json.step(10);
            }
            if (System.console() == null) { // as under a build tool or in CI, with output piped
                try (TerminalProgress piped = TerminalProgress.forTerminal("x", 10, "pairs")) {
                    piped.setExtra("loss 1");
                    piped.step(10);
                }
            }
        } finally {
            System.setErr(originalErr);
        }

        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
