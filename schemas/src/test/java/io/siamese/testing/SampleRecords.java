package io.siamese.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.Decision;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.LabelledPair;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Timings;
import io.siamese.schemas.Topics;

/** Valid, deterministic instances of every contract, for tests. Images are real PNGs that decode. */
public final class SampleRecords {

    /** Event time of all samples: a fixed instant keeps assertions stable. */
    public static final Instant EVENT_TIME = Instant.parse("2025-01-02T03:04:05.678Z");

    private SampleRecords() {
    }

    /** @return a grey-level PNG of the given size with pixels drawn from {@code seed} */
    public static byte[] png(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grey = random.nextInt(256);
                image.setRGB(x, y, 0xff000000 | grey << 16 | grey << 8 | grey);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @return a pair of two 28x28 PNGs labelled "1" (different) in its metadata */
    public static ImagePair imagePair(String pairId) {
        return ImagePair.newBuilder()
                .setPairId(pairId)
                .setLeft(image(1))
                .setRight(image(2))
                .setMetadata(Map.of("label", "1", "camera", "gate-3"))
                .setEventTime(EVENT_TIME)
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setIncludeEmbeddings(true)
                .build();
    }

    /** @return a DIFFERENT verdict with embeddings and the echoed label */
    public static PairDissimilarity pairDissimilarity(String pairId) {
        return PairDissimilarity.newBuilder()
                .setPairId(pairId)
                .setDistance(1.25)
                .setMetric("euclidean")
                .setThreshold(0.75)
                .setDecision(Decision.DIFFERENT)
                .setModelVersion("v1")
                .setTimings(new Timings(42L, 3L, 17L, 8))
                .setLeftEmbedding(List.of(0.5f, -1.0f, 2.25f))
                .setRightEmbedding(List.of(0.25f, 1.0f, -2.0f))
                .setLabel(1)
                .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .setEventTime(EVENT_TIME.toEpochMilli())
                .setMetadata(Map.of("label", "1"))
                .build();
    }

    /** @return the sample pair labelled 0 (same) from the "unit-test" source */
    public static LabelledPair labelledPair(String pairId) {
        return new LabelledPair(imagePair(pairId), 0, "unit-test");
    }

    /** @return a checkpoint announcement for {@code version} */
    public static ModelCheckpoint modelCheckpoint(String version) {
        return ModelCheckpoint.newBuilder()
                .setVersion(version)
                .setParentVersion(null)
                .setLocation("file:///models/" + version + "/model.pt")
                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setArchitecture("siamese-cnn-100")
                .setThreshold(0.75)
                .setMetrics(Map.of("accuracy", 0.93, "auc", 0.97))
                .setCreatedAt(EVENT_TIME)
                .build();
    }

    /** @return a dead letter for an undecodable record at offset 7 of image-pairs */
    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic(Topics.IMAGE_PAIRS)
                .setPartition(0)
                .setOffset(7L)
                .setKey(ByteBuffer.wrap("pair-7".getBytes()))
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setErrorKind(DeadLetterKinds.DESERIALIZATION)
                .setErrorMessage("unknown magic byte 0x01")
                .setFailedAt(EVENT_TIME)
                .build();
    }

    private static Image image(long seed) {
        return new Image(ByteBuffer.wrap(png(28, 28, seed)), "image/png");
    }
}
