package io.siamese.cli.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    @Test
    void shouldWriteLossCurvesAsPng() throws Exception {
        Path png = dir.resolve("charts/loss.png");
        double[] epochs = {1, 2, 3, 4, 5};
        LineChart.write(png, "Loss", "epoch", "loss", List.of(
                new LineChart.Series("training", epochs, new double[] {1.2, 0.8, 0.6, 0.5, 0.45}, Color.BLUE),
                new LineChart.Series("validation", epochs, new double[] {1.3, 0.9, 0.75, 0.7, 0.72}, Color.RED)));

        BufferedImage image = ChartImages.read(png);

        assertEquals(LineChart.WIDTH, image.getWidth());
        assertEquals(LineChart.HEIGHT, image.getHeight());
        assertTrue(ChartImages.inkedShare(image) > 0.01, "something was drawn");
        assertTrue(ChartImages.containsColor(image, Color.BLUE, 10), "training line drawn");
        assertTrue(ChartImages.containsColor(image, Color.RED, 10), "validation line drawn");
    }

    @Test
    void shouldSurviveGapsAndASinglePoint() throws Exception {
        Path png = dir.resolve("single.png");
        LineChart.write(png, "One epoch", "epoch", "loss", List.of(
                new LineChart.Series("training", new double[] {1, 2}, new double[] {0.5, Double.NaN}, Color.BLUE)));

        assertTrue(ChartImages.inkedShare(ChartImages.read(png)) > 0.01);
    }

    @Test
    void shouldRejectMissingOrMismatchedSeries() {
        assertThrows(IllegalArgumentException.class,
                () -> LineChart.write(dir.resolve("x.png"), "t", "x", "y", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new LineChart.Series("bad", new double[] {1, 2}, new double[] {1}, Color.BLUE));
    }
}
