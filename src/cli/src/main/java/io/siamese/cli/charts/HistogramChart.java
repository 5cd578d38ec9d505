package io.siamese.cli.charts;

import io.siamese.encoder.eval.Histogram;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Overlaid distance histograms of same and different pairs with the decision threshold, drawn
 * with XChart and written as PNG.
 *
 * <p>This is the picture that shows whether an encoder separates the classes: two humps with
 * little overlap and the threshold in the valley between them. Each class is a step outline
 * over the histogram's shared bins on a numeric distance axis, filled translucently so the
 * overlap stays visible; the threshold is a dashed vertical line with its value in the legend.
 */
public final class HistogramChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 600;
    /** Semi-transparent so that the overlap of the two classes stays visible. */
    static final Color SAME_COLOR = new Color(31, 119, 180, 140);
    static final Color DIFFERENT_COLOR = new Color(255, 127, 14, 140);
    static final Color THRESHOLD_COLOR = new Color(0xC6, 0x28, 0x28);
    /** Width of the single bar drawn when all distances are equal, as a share of the axis. */
    private static final double FLAT_BAR_SHARE = 1.0 / 40;

    private HistogramChart() {
    }

    /**
     * Draws the histogram and writes a {@value #WIDTH}x{@value #HEIGHT} PNG to exactly {@code png}.
     *
     * @param png       output file; parent directories are created
     * @param title     chart title
     * @param histogram per-bin counts of same and different pairs
     * @param threshold decision threshold, drawn as a dashed vertical line; NaN draws none
     * @throws NullPointerException when {@code png} or {@code histogram} is null
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static void write(Path png, String title, Histogram histogram, double threshold) {
        Objects.requireNonNull(png, "png");
        XYChart chart = chart(title, histogram, threshold);
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // The stream form writes the given path; the file-name form would append ".png" to it.
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png, e);
        }
    }

    /** The chart {@link #write} draws: one step-area series per class and one for the threshold. */
    static XYChart chart(String title, Histogram histogram, double threshold) {
        Objects.requireNonNull(histogram, "histogram");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title == null ? "" : title)
                .xAxisTitle("distance").yAxisTitle("pairs").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0.00");

        int[] same = histogram.sameCounts();
        int[] different = histogram.differentCounts();
        boolean flat = histogram.binWidth() <= 0;
        double width = flat ? flatBarWidth(histogram, threshold) : histogram.binWidth();
        double start = flat ? histogram.min() - width / 2 : histogram.min();
        if (flat) { // the axis would otherwise shrink to the bar, filling the plot
            chart.getStyler().setXAxisMin(histogram.min() - width / FLAT_BAR_SHARE / 2);
            chart.getStyler().setXAxisMax(histogram.min() + width / FLAT_BAR_SHARE / 2);
        }
        bars(chart, "same (n=" + sum(same) + ")", flat ? new int[] {same[0]} : same, start, width, SAME_COLOR);
        bars(chart, "different (n=" + sum(different) + ")", flat ? new int[] {different[0]} : different,
                start, width, DIFFERENT_COLOR);
        if (Double.isFinite(threshold)) {
            int highest = Math.max(1, Math.max(max(same), max(different)));
            XYSeries line = chart.addSeries(String.format(Locale.ROOT, "threshold %.4f", threshold),
                    new double[] {threshold, threshold}, new double[] {0, highest});
            line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
            line.setLineColor(THRESHOLD_COLOR);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
        }
        return chart;
    }

    /** Adds the counts as a filled step outline: bin {@code i} spans {@code start + i*width} onwards. */
    private static void bars(XYChart chart, String name, int[] counts, double start, double width, Color color) {
        // Up from the axis at the first edge, a step per bin, back down at the last edge.
        double[] x = new double[counts.length + 2];
        double[] y = new double[counts.length + 2];
        x[0] = start;
        for (int i = 0; i < counts.length; i++) {
            x[i + 1] = start + i * width;
            y[i + 1] = counts[i];
        }
        x[counts.length + 1] = start + counts.length * width;
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea).setMarker(SeriesMarkers.NONE);
        series.setFillColor(color);
        series.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 220));
        series.setLineWidth(1.5f);
    }

    /**
     * All-equal distances give zero-width bins: one bar stands in, {@link #FLAT_BAR_SHARE} of an axis
     * centred on the distance and wide enough to reach the threshold or, without one, 0.
     */
    private static double flatBarWidth(Histogram histogram, double threshold) {
        double halfAxis = Double.isFinite(threshold) ? Math.abs(threshold - histogram.min()) : 0;
        if (halfAxis == 0) { // from 0 to twice the distance, or around 0 when that is the distance
            halfAxis = histogram.min() != 0 ? Math.abs(histogram.min()) : 0.5;
        }
        return 2 * halfAxis * FLAT_BAR_SHARE;
    }

    private static int max(int[] counts) {
        return Arrays.stream(counts).max().orElse(0);
    }

    private static long sum(int[] counts) {
        return Arrays.stream(counts).asLongStream().sum();
    }
}
