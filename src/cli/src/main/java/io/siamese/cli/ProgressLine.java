package io.siamese.cli;

import java.util.Locale;

/**
 * Formats the text of one progress line; pure, so every detail of it is easy to test.
 */
final class ProgressLine {

    private ProgressLine() {
    }

    /**
     * Builds e.g. {@code task [#####.....]  45%  1234/2730  55.2 pairs/s  ETA 00:27  loss 0.1}.
     *
     * @param rate           steps per second, NaN when not yet known
     * @param elapsedSeconds time since the start, shown instead of the ETA once complete
     */
    static String format(String task, long done, long total, String unit, double rate,
                         double elapsedSeconds, String extra, int barWidth) {
        StringBuilder line = new StringBuilder(task);
        boolean bounded = total > 0;
        if (bounded) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(fraction * barWidth);
            line.append(" [").append("#".repeat(filled)).append(".".repeat(barWidth - filled)).append(']');
            line.append(String.format(Locale.ROOT, " %3d%%", (int) Math.floor(fraction * 100)));
            line.append("  ").append(done).append('/').append(total);
        } else {
            line.append("  ").append(done);
        }
        line.append("  ").append(formatRate(rate)).append(' ').append(unit).append("/s");
        if (bounded && done >= total) {
            line.append("  took ").append(formatDuration(elapsedSeconds));
        } else if (bounded) {
            boolean known = rate > 0 && Double.isFinite(rate);
            line.append("  ETA ").append(known ? formatDuration((total - done) / rate) : "--:--");
        }
        if (extra != null && !extra.isEmpty()) {
            line.append("  ").append(extra);
        }
        return line.toString();
    }

    /** Fewer decimals as the rate grows, so the number keeps about three significant digits. */
    static String formatRate(double rate) {
        if (Double.isNaN(rate)) {
            return "--";
        }
        if (rate >= 100) {
            return String.format(Locale.ROOT, "%.0f", rate);
        }
        return String.format(Locale.ROOT, rate >= 10 ? "%.1f" : "%.2f", rate);
    }

    /** mm:ss, or h:mm:ss from one hour on; rounds up so an ETA never reads 00:00 too early. */
    static String formatDuration(double seconds) {
        long whole = (long) Math.ceil(Math.max(0, seconds));
        long hours = whole / 3600;
        long minutes = whole % 3600 / 60;
        long secs = whole % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%02d:%02d", minutes, secs);
    }
}
