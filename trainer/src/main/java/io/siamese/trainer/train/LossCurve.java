package io.siamese.trainer.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Writes the loss-curve PNG (the seed plots the loss history when training ends): training and validation loss per epoch. */
final class LossCurve {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private LossCurve() {}

    static Path write(Path png, List<EpochResult> epochs) {
        double[] x = new double[epochs.size()];
        double[] train = new double[epochs.size()];
        double[] validation = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
            train[i] = epochs.get(i).trainLoss();
            validation[i] = epochs.get(i).validationLoss();
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Loss per epoch")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setMarkerSize(6);
        chart.addSeries("training", x, train).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.addSeries("validation", x, validation).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }
}
