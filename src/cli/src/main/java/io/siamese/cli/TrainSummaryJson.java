package io.siamese.cli;

import io.siamese.encoder.data.SplitSummary;
import io.siamese.trainer.train.EpochResult;
import io.siamese.trainer.train.SiameseTrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last line {@code train --json} prints: the split, the chosen network and recipe, the best checkpoint, each epoch. */
final class TrainSummaryJson {

    private TrainSummaryJson() {}

    static Map<String, Object> of(SiameseTrainingResult r, SplitSummary split) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("split", splitJson(split));
        m.put("architecture", r.bestManifest().architecture());
        m.put("input_size", r.bestManifest().inputSize());
        m.put("recipe", r.bestManifest().training().recipe());
        m.put("best", r.best().toString());
        m.put("final", r.last().toString());
        m.put("best_version", r.bestManifest().version());
        m.put("threshold", r.bestManifest().threshold());
        m.put("validation_accuracy", r.bestManifest().metrics().get("validation_accuracy"));
        m.put("validation_auc", r.bestManifest().metrics().get("validation_auc"));
        m.put("validation_eer", r.bestManifest().metrics().get("validation_eer"));
        m.put("loss_curve", r.lossCurve().toString());
        m.put("seconds", r.seconds());
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochResult e : r.epochs()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("epoch", e.epoch());
            em.put("train_loss", e.trainLoss());
            em.put("validation_loss", e.validationLoss());
            em.put("validation_accuracy", e.validationAccuracy());
            em.put("validation_auc", e.validationAuc());
            em.put("validation_eer", e.validationEer());
            em.put("seconds", e.seconds());
            epochs.add(em);
        }
        m.put("epochs", epochs);
        return m;
    }

    private static Map<String, Object> splitJson(SplitSummary split) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validation_images", split.validationImages());
        m.put("validation_classes", split.validationClasses());
        m.put("train_images", split.trainImages());
        m.put("train_classes", split.trainClasses());
        m.put("text", split.toString());
        return m;
    }
}
