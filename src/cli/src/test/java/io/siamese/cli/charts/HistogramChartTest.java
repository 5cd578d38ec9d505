package io.siamese.cli.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.eval.Histogram;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramChartTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    @Test
    void shouldOverlaySameAndDifferentHistogramsWithThreshold() throws Exception {
        Histogram histogram = Histogram.of(
                new double[] {0.1, 0.15, 0.2, 0.2, 0.35, 0.5, 0.6, 0.65, 0.7, 0.9},
                new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, 10);
        Path png = dir.resolve("hist.png");

        HistogramChart.write(png, "Distances", histogram, 0.42);
        BufferedImage image = ChartImages.read(png);

        assertEquals(HistogramChart.WIDTH, image.getWidth());
        assertEquals(HistogramChart.HEIGHT, image.getHeight());
        assertTrue(ChartImages.inkedShare(image) > 0.02, "bars were drawn");
        // Translucent blue and orange over white: look for their blended tints.
        assertTrue(ChartImages.containsColor(image, blendOnWhite(HistogramChart.SAME_COLOR), 6), "same bars");
        assertTrue(ChartImages.containsColor(image, blendOnWhite(HistogramChart.DIFFERENT_COLOR), 6),
                "different bars");
    }

    @Test
    void shouldDrawAllEqualDistancesAndNoThreshold() throws Exception {
        Histogram histogram = Histogram.of(new double[] {0.3, 0.3}, new int[] {0, 1}, 5);
        Path png = dir.resolve("flat.png");

        HistogramChart.write(png, "Flat", histogram, Double.NaN);

        assertTrue(ChartImages.inkedShare(ChartImages.read(png)) > 0.01);
    }

    private static Color blendOnWhite(Color c) {
        double a = c.getAlpha() / 255.0;
        return new Color((int) Math.round(c.getRed() * a + 255 * (1 - a)),
                (int) Math.round(c.getGreen() * a + 255 * (1 - a)),
                (int) Math.round(c.getBlue() * a + 255 * (1 - a)));
    }
}
