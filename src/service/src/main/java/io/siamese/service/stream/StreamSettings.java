package io.siamese.service.stream;

import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.Topics;
import io.siamese.service.config.ServiceConfig;
import java.time.Duration;

/**
 * What the topology needs to know, gathered from {@link ServiceConfig} (tests build it directly).
 *
 * @param input topic of image pairs
 * @param output topic of results
 * @param deadLetter topic of dead letters
 * @param batch micro-batch settings
 * @param limits image limits
 * @param minSide smallest accepted image side
 * @param keyFormat result key format
 */
public record StreamSettings(
        String input, String output, String deadLetter, BatchSettings batch, ImageLimits limits, int minSide,
        OutputKeys.Format keyFormat) {

    /** From the service configuration. */
    public static StreamSettings from(ServiceConfig c) {
        return new StreamSettings(c.topics().input(), c.topics().output(), c.topics().deadLetter(),
                new BatchSettings(c.batch().maxSize(), c.batch().maxLinger(), c.topics().output(),
                        c.batch().decodeThreads(), BatchSettings.Clock.SYSTEM, c.batch().pipelined(),
                        c.batch().eagerCommit(), c.batch().eagerCommitMinGap(), c.batch().inferenceThreads(),
                        c.batch().acrossPartitions()),
                new ImageLimits(c.image().maxBytes(), c.image().maxPixels()), c.image().minSide(),
                OutputKeys.parse(c.output().keyFormat()));
    }

    /** The contract's topics with the given batching, default limits, mirrored keys. */
    public static StreamSettings defaults(int maxSize, Duration maxLinger) {
        return new StreamSettings(Topics.IMAGE_PAIRS, Topics.PAIR_DISSIMILARITIES, Topics.IMAGE_PAIRS_DLQ,
                new BatchSettings(maxSize, maxLinger, Topics.PAIR_DISSIMILARITIES), ImageLimits.DEFAULT, 8,
                OutputKeys.Format.MIRROR);
    }
}
