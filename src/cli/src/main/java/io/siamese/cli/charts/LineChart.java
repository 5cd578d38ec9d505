package io.siamese.cli.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Line chart written as PNG, e.g. training and validation loss per epoch.
 */
public final class LineChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 600;
    /** Markers are only drawn while they do not merge into a blur. */
    private static final int MAX_POINTS_WITH_MARKERS = 60;

    /**
     * One named line.
     *
     * @param name  legend text
     * @param x     x values, in drawing order
     * @param y     y values, same length as {@code x}; non-finite values break the line
     * @param color line colour
     */
    public record Series(String name, double[] x, double[] y, Color color) {

        /**
         * Validates the series and copies the arrays, so later changes by the caller cannot
         * alter a chart that is being drawn.
         *
         * @throws IllegalArgumentException when an argument is null or x and y differ in length
         */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(color, "color");
            if (x == null || y == null || x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' needs x and y of equal length");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    private LineChart() {
    }

    /**
     * Draws the series on shared axes with a legend and writes a {@value #WIDTH}x{@value #HEIGHT} PNG.
     *
     * @param png    output file; parent directories are created
     * @param title  chart title
     * @param xLabel x axis title
     * @param yLabel y axis title
     * @param series lines to draw, at least one
     * @throws IllegalArgumentException when there is no series
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static void write(Path png, String title, String xLabel, String yLabel, List<Series> series) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("at least one series is required");
        }
        BufferedImage image = ChartCanvas.whiteImage(WIDTH, HEIGHT);
        Graphics2D g = ChartCanvas.smoothGraphics(image);
        try {
            Rectangle plot = new Rectangle(100, 60, WIDTH - 100 - 30, HEIGHT - 60 - 80);
            Axes axes = new Axes(plot, scale(series, true), scale(series, false));
            axes.drawGrid(g);
            List<ChartCanvas.LegendEntry> legend = new ArrayList<>();
            for (Series s : series) {
                drawSeries(g, axes, s);
                legend.add(new ChartCanvas.LegendEntry(s.name(), s.color(), false));
            }
            axes.drawAxes(g, xLabel, yLabel);
            ChartCanvas.drawTitle(g, title, WIDTH);
            ChartCanvas.drawLegend(g, plot, legend);
        } finally {
            g.dispose();
        }
        ChartCanvas.writePng(image, png);
    }

    private static NiceScale scale(List<Series> series, boolean horizontal) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    double v = horizontal ? s.x()[i] : s.y()[i];
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        return NiceScale.of(low, high, horizontal ? 11 : 8);
    }

    private static void drawSeries(Graphics2D g, Axes axes, Series s) {
        double[] x = s.x();
        double[] y = s.y();
        Path2D.Double line = new Path2D.Double();
        boolean penDown = false;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                penDown = false; // a gap in the data shows as a gap in the line
                continue;
            }
            if (penDown) {
                line.lineTo(axes.px(x[i]), axes.py(y[i]));
            } else {
                line.moveTo(axes.px(x[i]), axes.py(y[i]));
                penDown = true;
            }
        }
        g.setColor(s.color());
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(line);
        if (x.length <= MAX_POINTS_WITH_MARKERS) {
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    g.fill(new Ellipse2D.Double(axes.px(x[i]) - 4, axes.py(y[i]) - 4, 8, 8));
                }
            }
        }
    }
}
