package io.siamese.trainer.train;

import io.siamese.trainer.plot.LineChart;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

/** Writes the loss-curve PNG: training and validation loss per epoch. */
final class LossCurve {

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
        LineChart.write(png, "Loss per epoch", "epoch", "loss", List.of(
                new LineChart.Series("training", x, train, new Color(31, 119, 180)),
                new LineChart.Series("validation", x, validation, new Color(255, 127, 14))));
        return png;
    }
}
