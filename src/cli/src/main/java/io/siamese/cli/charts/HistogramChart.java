package io.siamese.cli.charts;

import io.siamese.encoder.eval.Histogram;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Overlaid distance histograms of same and different pairs with the decision threshold.
 *
 * <p>This is the picture that shows whether an encoder separates the classes: two humps with
 * little overlap and the threshold in the valley between them.
 */
public final class HistogramChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 600;
    /** Semi-transparent so that the overlap of the two classes stays visible. */
    static final Color SAME_COLOR = new Color(31, 119, 180, 140);
    static final Color DIFFERENT_COLOR = new Color(255, 127, 14, 140);
    private static final Color THRESHOLD_COLOR = new Color(0xC6, 0x28, 0x28);

    private HistogramChart() {
    }

    /**
     * Draws the histogram and writes a {@value #WIDTH}x{@value #HEIGHT} PNG.
     *
     * @param png       output file; parent directories are created
     * @param title     chart title
     * @param histogram per-bin counts of same and different pairs
     * @param threshold decision threshold, drawn as a dashed vertical line; NaN draws none
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static void write(Path png, String title, Histogram histogram, double threshold) {
        int[] same = histogram.sameCounts();
        int[] different = histogram.differentCounts();
        boolean showThreshold = Double.isFinite(threshold);
        double low = showThreshold ? Math.min(histogram.min(), threshold) : histogram.min();
        double high = showThreshold ? Math.max(histogram.max(), threshold) : histogram.max();
        int highest = Math.max(1, Math.max(Arrays.stream(same).max().orElse(0),
                Arrays.stream(different).max().orElse(0)));

        BufferedImage image = ChartCanvas.whiteImage(WIDTH, HEIGHT);
        Graphics2D g = ChartCanvas.smoothGraphics(image);
        try {
            Rectangle plot = new Rectangle(100, 60, WIDTH - 100 - 30, HEIGHT - 60 - 80);
            Axes axes = new Axes(plot, NiceScale.of(low, high, 11), NiceScale.of(0, highest, 8));
            axes.drawGrid(g);
            drawBars(g, axes, histogram, same, SAME_COLOR);
            drawBars(g, axes, histogram, different, DIFFERENT_COLOR);
            axes.drawAxes(g, "distance", "pairs");
            ChartCanvas.drawTitle(g, title, WIDTH);
            Rectangle legend = ChartCanvas.drawLegend(g, plot, List.of(
                    new ChartCanvas.LegendEntry("same (n=" + sum(same) + ")", SAME_COLOR, true),
                    new ChartCanvas.LegendEntry("different (n=" + sum(different) + ")", DIFFERENT_COLOR, true)));
            if (showThreshold) {
                drawThreshold(g, axes, threshold, legend);
            }
        } finally {
            g.dispose();
        }
        ChartCanvas.writePng(image, png);
    }

    private static void drawBars(Graphics2D g, Axes axes, Histogram histogram, int[] counts, Color color) {
        // All-equal distances give zero-width bins; draw them a visible 1/40 of the axis wide.
        double width = histogram.binWidth() > 0 ? histogram.binWidth() : (axes.x.max - axes.x.min) / 40;
        double offset = histogram.binWidth() > 0 ? 0 : -width / 2;
        Color edge = new Color(color.getRed(), color.getGreen(), color.getBlue(), 220);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double left = axes.px(histogram.binStart(i) + offset);
            double right = axes.px(histogram.binStart(i) + offset + width);
            double top = axes.py(counts[i]);
            Rectangle2D bar = new Rectangle2D.Double(left, top, right - left, axes.py(0) - top);
            g.setColor(color);
            g.fill(bar);
            g.setColor(edge);
            g.draw(bar);
        }
    }

    private static void drawThreshold(Graphics2D g, Axes axes, double threshold, Rectangle legend) {
        double px = axes.px(threshold);
        g.setColor(THRESHOLD_COLOR);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        g.draw(new Line2D.Double(px, axes.plot.y, px, axes.plot.y + axes.plot.height));
        String label = String.format(Locale.ROOT, "threshold %.4f", threshold);
        g.setFont(ChartCanvas.LABEL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        int width = metrics.stringWidth(label);
        // Label to the right of the line unless that would run off the plot.
        double left = px + 6 + width <= axes.plot.x + axes.plot.width ? px + 6 : px - 6 - width;
        double baseline = axes.plot.y + 20;
        if (legend.intersects(left - 3, baseline - metrics.getAscent(), width + 6, metrics.getHeight())) {
            baseline = legend.y + legend.height + 20; // drop below the legend instead of hiding it
        }
        g.setColor(new Color(255, 255, 255, 220));
        g.fill(new Rectangle2D.Double(left - 3, baseline - metrics.getAscent(), width + 6, metrics.getHeight()));
        g.setColor(THRESHOLD_COLOR);
        g.drawString(label, (float) left, (float) baseline);
    }

    private static long sum(int[] counts) {
        return Arrays.stream(counts).asLongStream().sum();
    }
}
