package io.siamese.trainer.continuous;

import ai.djl.Device;
import io.siamese.encoder.loss.LossKind;
import io.siamese.schemas.Endpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link ContinuousTrainer} ({@code ./siamese trainer --help} documents each).
 *
 * @param endpoints Kafka and the schema registry
 * @param groupId consumer group of {@code labelled-pairs}
 * @param store checkpoint store directory (shared with the service)
 * @param workDir pair stores, state file and staging directory
 * @param initialModel model to start from when the store holds none
 * @param retrainEvery new training labels that trigger a round
 * @param retrainInterval time that triggers a round when there is something new
 * @param loss contrastive or triplet
 * @param epochs passes over the training pairs per round
 * @param batchSize pairs per step
 * @param learningRate Adam learning rate
 * @param maxSteps bound on steps per round, 0 for none
 * @param storeCapacity most training (and validation) pairs kept, half per label
 * @param holdoutCapacity most holdout pairs kept, half per label
 * @param split holdout and validation fractions
 * @param minTrainingPairs fewest training pairs a round trains on
 * @param minHoldoutPerLabel fewest holdout pairs of each label a comparison needs
 * @param gate the promotion rule
 * @param metricsHost address the Prometheus endpoint binds: 127.0.0.1 (default), or 0.0.0.0 in a container
 * @param metricsPort Prometheus port; 0 any free one, negative none
 * @param seed shuffling seed
 * @param device where to train
 */
public record ContinuousOptions(Endpoints endpoints, String groupId, Path store, Path workDir, Path initialModel,
        long retrainEvery, Duration retrainInterval, LossKind loss, int epochs, int batchSize, float learningRate,
        int maxSteps, int storeCapacity, int holdoutCapacity, HoldoutSplit split, int minTrainingPairs,
        int minHoldoutPerLabel, PromotionGate gate, String metricsHost, int metricsPort, long seed, Device device) {

    /** Default consumer group. */
    public static final String DEFAULT_GROUP = "siamese-trainer";

    /** Validates what the components do not check themselves. */
    public ContinuousOptions {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(initialModel, "initialModel");
        Objects.requireNonNull(metricsHost, "metricsHost");
        if (storeCapacity < 2 || holdoutCapacity < 2) {
            throw new IllegalArgumentException("store and holdout capacities must be >= 2");
        }
        if (minTrainingPairs < 2) {
            throw new IllegalArgumentException("--min-pairs must be >= 2, got " + minTrainingPairs);
        }
    }

    /** The command's defaults around the given places. */
    public static ContinuousOptions defaults(Endpoints endpoints, Path store, Path workDir, Path initialModel) {
        return new ContinuousOptions(endpoints, DEFAULT_GROUP, store, workDir, initialModel, 500,
                Duration.ofMinutes(10), LossKind.CONTRASTIVE, 2, 64, 5e-4f, 0, 4000, 1000,
                new HoldoutSplit(0.1, 0.1), 128, 20, new PromotionGate(PromotionGate.Metric.ACCURACY, 0.005),
                "127.0.0.1", 9464, 42, Device.cpu());
    }

    /** A copy with another trigger. */
    public ContinuousOptions withTrigger(long every, Duration interval) {
        return new ContinuousOptions(endpoints, groupId, store, workDir, initialModel, every, interval, loss, epochs,
                batchSize, learningRate, maxSteps, storeCapacity, holdoutCapacity, split, minTrainingPairs,
                minHoldoutPerLabel, gate, metricsHost, metricsPort, seed, device);
    }

    /** A copy with other training settings. */
    public ContinuousOptions withTraining(LossKind lossKind, int epochCount, int batch, float rate, int stepBound) {
        return new ContinuousOptions(endpoints, groupId, store, workDir, initialModel, retrainEvery, retrainInterval,
                lossKind, epochCount, batch, rate, stepBound, storeCapacity, holdoutCapacity, split,
                minTrainingPairs, minHoldoutPerLabel, gate, metricsHost, metricsPort, seed, device);
    }

    /** A copy with other bounds and minimums. */
    public ContinuousOptions withBounds(int capacity, int holdout, int minPairs, int minHoldout) {
        return new ContinuousOptions(endpoints, groupId, store, workDir, initialModel, retrainEvery, retrainInterval,
                loss, epochs, batchSize, learningRate, maxSteps, capacity, holdout, split, minPairs, minHoldout,
                gate, metricsHost, metricsPort, seed, device);
    }

    /** A copy with another gate, group and metrics port. */
    public ContinuousOptions withGate(PromotionGate rule, String group, int port) {
        return new ContinuousOptions(endpoints, group, store, workDir, initialModel, retrainEvery, retrainInterval,
                loss, epochs, batchSize, learningRate, maxSteps, storeCapacity, holdoutCapacity, split,
                minTrainingPairs, minHoldoutPerLabel, rule, metricsHost, port, seed, device);
    }

    /** A copy with another work directory (a second trainer instance in tests). */
    public ContinuousOptions withWorkDir(Path dir) {
        return new ContinuousOptions(endpoints, groupId, store, dir, initialModel, retrainEvery, retrainInterval,
                loss, epochs, batchSize, learningRate, maxSteps, storeCapacity, holdoutCapacity, split,
                minTrainingPairs, minHoldoutPerLabel, gate, metricsHost, metricsPort, seed, device);
    }
}
