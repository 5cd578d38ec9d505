package io.siamese.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link DemoRun}.
 *
 * @param pairs          pairs to publish; 0 publishes until stopped (Ctrl-C)
 * @param rate           pairs per second; 0 as fast as possible
 * @param corrupt        share of deliberately broken pairs, in [0, 1]
 * @param data           {@code fashion-mnist} or a folder of class folders
 * @param model          checkpoint directory the service loads
 * @param batchSize      the service's largest micro-batch; null for the service's default
 * @param linger         the service's longest wait for a batch to fill; null for the service's default
 * @param seed           sampling seed
 * @param idleTimeout    after publishing ends, give up when nothing arrives for this long
 * @param workDir        where data and logs of the run go
 * @param retrain        continuous training settings, or null for a demo without the trainer
 * @param warmupPairs    pairs published first, at the same rate, to bring the service to steady state; their
 *                       figures are reported apart, as the cold start (0: none)
 */
public record DemoOptions(long pairs, double rate, double corrupt, String data, Path model, Integer batchSize,
                          Duration linger, long seed, Duration idleTimeout, Path workDir, Retrain retrain,
                          long warmupPairs) {

    /**
     * How {@code demo --retrain} runs the trainer.
     *
     * @param every     new labels per retraining round ({@code trainer --retrain-every})
     * @param epochs    passes over the stored pairs per round
     * @param maxSteps  most optimiser steps per round, 0 for no bound
     * @param weakSteps training steps (batches of 64) of the weak starting model
     * @param inputSize input size of the weak model (and so of every version)
     */
    public record Retrain(long every, int epochs, int maxSteps, int weakSteps, int inputSize) {

        /** Validates the settings. */
        public Retrain {
            if (every < 1 || epochs < 1 || maxSteps < 0 || weakSteps < 1) {
                throw new IllegalArgumentException("retrain settings must be positive");
            }
        }
    }

    /** A demo without the trainer and without a warm-up. */
    public DemoOptions(long pairs, double rate, double corrupt, String data, Path model, Integer batchSize,
                       Duration linger, long seed, Duration idleTimeout, Path workDir) {
        this(pairs, rate, corrupt, data, model, batchSize, linger, seed, idleTimeout, workDir, null, 0);
    }

    /** @return a copy that first publishes {@code pairs} warm-up pairs */
    public DemoOptions withWarmup(long pairs) {
        return new DemoOptions(this.pairs, rate, corrupt, data, model, batchSize, linger, seed, idleTimeout, workDir,
                retrain, pairs);
    }

    /** Validates the options. */
    public DemoOptions {
        if (pairs < 0) {
            throw new IllegalArgumentException("--pairs must not be negative, got " + pairs);
        }
        if (warmupPairs < 0) {
            throw new IllegalArgumentException("--warmup-pairs must not be negative, got " + warmupPairs);
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(workDir, "workDir");
    }
}
