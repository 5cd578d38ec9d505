package io.siamese.cli.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.eval.Histogram;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class HistogramChartTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Histogram TEN_PAIRS = Histogram.of(
            new double[] {0.1, 0.15, 0.2, 0.2, 0.35, 0.5, 0.6, 0.65, 0.7, 0.9},
            new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, 10);

    @TempDir
    Path dir;

    @Test
    void shouldWritePngOfTheStatedSizeWithBothClassesDrawn() throws Exception {
        Path png = dir.resolve("charts/hist.png");

        HistogramChart.write(png, "Distances", TEN_PAIRS, 0.42);
        BufferedImage image = ChartImages.read(png);

        assertEquals(HistogramChart.WIDTH, image.getWidth());
        assertEquals(HistogramChart.HEIGHT, image.getHeight());
        assertTrue(ChartImages.inkedShare(image) > 0.02, "bars were drawn");
        // Translucent blue and orange over white: look for their blended tints.
        assertTrue(ChartImages.containsColor(image, blendOnWhite(HistogramChart.SAME_COLOR), 6), "same bars");
        assertTrue(ChartImages.containsColor(image, blendOnWhite(HistogramChart.DIFFERENT_COLOR), 6),
                "different bars");
        assertTrue(ChartImages.containsColor(image, HistogramChart.THRESHOLD_COLOR, 10), "threshold line");
    }

    @Test
    void shouldWriteExactlyTheGivenPathEvenWithoutPngSuffix() throws Exception {
        Path file = dir.resolve("distances");

        HistogramChart.write(file, "Distances", TEN_PAIRS, 0.42);

        assertEquals(List.of(file), Files.list(dir).toList());
        assertEquals(HistogramChart.WIDTH, ChartImages.read(file).getWidth());
    }

    @Test
    void shouldOutlineEachClassOverTheSharedBinsWithCountsInTheLegend() {
        XYChart chart = HistogramChart.chart("Distances", TEN_PAIRS, 0.42);

        assertEquals(List.of("same (n=5)", "different (n=5)", "threshold 0.4200"),
                List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries same = chart.getSeriesMap().get("same (n=5)");
        // Up at 0.1, one step per bin of width 0.08, down at 0.9.
        assertEquals(12, same.getXData().length);
        assertEquals(0.1, same.getXData()[0], 1e-12);
        assertEquals(0.18, same.getXData()[2], 1e-12);
        assertEquals(0.9, same.getXData()[11], 1e-12);
        assertArrayEquals(new double[] {0, 2, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0}, same.getYData(), 1e-12);
        XYSeries threshold = chart.getSeriesMap().get("threshold 0.4200");
        assertArrayEquals(new double[] {0.42, 0.42}, threshold.getXData(), 1e-12);
        assertArrayEquals(new double[] {0, 2}, threshold.getYData(), 1e-12, "as tall as the highest bin");
    }

    @Test
    void shouldDrawAllEqualDistancesAsOneVisibleBarAndNoThreshold() throws Exception {
        Histogram flat = Histogram.of(new double[] {0.3, 0.3}, new int[] {0, 1}, 5);
        Path png = dir.resolve("flat.png");

        HistogramChart.write(png, "Flat", flat, Double.NaN);
        XYChart chart = HistogramChart.chart("Flat", flat, Double.NaN);

        assertEquals(List.of("same (n=1)", "different (n=1)"), List.copyOf(chart.getSeriesMap().keySet()));
        double[] x = chart.getSeriesMap().get("same (n=1)").getXData();
        assertEquals(3, x.length, "a single bar");
        assertEquals(0.3, (x[0] + x[2]) / 2, 1e-12, "centred on the distance");
        double axis = chart.getStyler().getXAxisMax() - chart.getStyler().getXAxisMin();
        assertEquals(40, axis / (x[2] - x[0]), 1e-9, "a fortieth of the axis wide");
        double inked = ChartImages.inkedShare(ChartImages.read(png));
        assertTrue(inked > 0.02 && inked < 0.3, "a bar, not a filled plot: " + inked);
    }

    @Test
    void shouldRejectAMissingHistogramAndReportAnUnwritablePath() throws Exception {
        NullPointerException missing = assertThrows(NullPointerException.class,
                () -> HistogramChart.write(dir.resolve("x.png"), "t", null, 0.5));
        assertEquals("histogram", missing.getMessage());

        Path blocker = Files.createFile(dir.resolve("file"));
        UncheckedIOException unwritable = assertThrows(UncheckedIOException.class,
                () -> HistogramChart.write(blocker.resolve("x.png"), "t", TEN_PAIRS, 0.5));
        assertTrue(unwritable.getMessage().contains("cannot write chart"), unwritable.getMessage());
    }

    private static Color blendOnWhite(Color c) {
        double a = c.getAlpha() / 255.0;
        return new Color((int) Math.round(c.getRed() * a + 255 * (1 - a)),
                (int) Math.round(c.getGreen() * a + 255 * (1 - a)),
                (int) Math.round(c.getBlue() * a + 255 * (1 - a)));
    }
}
