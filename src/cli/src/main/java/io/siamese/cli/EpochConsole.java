package io.siamese.cli;

import io.siamese.trainer.train.EpochResult;
import io.siamese.trainer.train.SiameseTrainingListener;

/** Progress bar per epoch on a terminal, one line per epoch always. */
final class EpochConsole implements SiameseTrainingListener {
    private final boolean bars;
    private TerminalProgress bar;

    EpochConsole(boolean bars) {
        this.bars = bars;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int steps) {
        if (bars) {
            bar = TerminalProgress.forTerminal("epoch " + epoch + (epochs > 0 ? "/" + epochs : ""), steps, "steps");
        }
    }

    @Override
    public void onStep(int epoch, int step, int examples, double loss) {
        if (bar != null) {
            bar.step(1);
            bar.setExtra(String.format("loss %.4f", loss));
        }
    }

    @Override
    public void onEpochEnd(EpochResult e) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        System.out.printf("epoch %d: train loss %.4f, validation loss %.4f, accuracy %.4f, AUC %.4f, EER %.4f, %.0f examples/s%s%n",
                e.epoch(), e.trainLoss(), e.validationLoss(), e.validationAccuracy(), e.validationAuc(), e.validationEer(),
                e.examples() / Math.max(1e-9, e.seconds()), e.improved() ? "  (best, saved)" : "");
    }
}
