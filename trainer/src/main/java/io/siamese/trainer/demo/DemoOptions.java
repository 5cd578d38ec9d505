package io.siamese.trainer.demo;

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
 * @param batchSize      the service's largest micro-batch
 * @param linger         the service's longest wait for a batch to fill
 * @param seed           sampling seed
 * @param idleTimeout    after publishing ends, give up when nothing arrives for this long
 * @param workDir        where data and logs of the run go
 */
public record DemoOptions(long pairs, double rate, double corrupt, String data, Path model, int batchSize,
                          Duration linger, long seed, Duration idleTimeout, Path workDir) {

    /** Validates the options. */
    public DemoOptions {
        if (pairs < 0) {
            throw new IllegalArgumentException("--pairs must not be negative, got " + pairs);
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(workDir, "workDir");
    }
}
