package io.siamese.cli.publish;

import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Pair;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/** Builds the {@link ImagePair} records a publisher sends, valid or deliberately broken. */
public final class PairRecords {

    /** Metadata key holding the ground truth, "0" same or "1" different (the contract's convention). */
    public static final String LABEL = "label";
    /** Metadata key naming the corruption of a broken pair, so dead letters can be matched to their cause. */
    public static final String CORRUPT = "corrupt";

    private final PairImages images;
    private final SplittableRandom random;

    /**
     * @param images the images to pair
     * @param random chooses which side a corruption breaks
     */
    public PairRecords(PairImages images, SplittableRandom random) {
        this.images = images;
        this.random = random;
    }

    /**
     * @param pairId the id, also the record key
     * @param pair   the sampled pair
     * @param broken how to break it, or null for a valid pair; {@link Corruption#NOT_AVRO} is not applied here
     * @return the record, stamped with the current time as eventTime and a random trace id
     */
    public ImagePair build(String pairId, Pair pair, Corruption broken) {
        LabelledImages data = images.dataset();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(LABEL, Integer.toString(pair.label()));
        metadata.put("left_class", data.className(data.label(pair.left())));
        metadata.put("right_class", data.className(data.label(pair.right())));
        byte[] leftPng = images.png(pair.left());
        Image left = image(leftPng);
        Image right = image(images.png(pair.right()));
        if (broken != null && broken.breaksImage()) {
            metadata.put(CORRUPT, broken.name());
            // Either side may be the broken one: a service must check both.
            Image bad = new Image(ByteBuffer.wrap(broken.imageBytes(leftPng, random)),
                    broken.mediaType());
            if (random.nextBoolean()) {
                left = bad;
            } else {
                right = bad;
            }
        }
        return ImagePair.newBuilder()
                .setPairId(pairId)
                .setLeft(left)
                .setRight(right)
                .setMetadata(metadata)
                .setEventTime(Instant.now())
                .setTraceId(UUID.randomUUID().toString().replace("-", ""))
                .setIncludeEmbeddings(false)
                .build();
    }

    /** @return a record value that is JSON text, not Confluent-framed Avro (first byte '{', not the magic 0) */
    static byte[] notAvro(String pairId) {
        return ("{\"pairId\":\"" + pairId + "\",\"note\":\"JSON, not Confluent Avro\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Image image(byte[] png) {
        return new Image(ByteBuffer.wrap(png), "image/png");
    }
}
