package io.siamese.trainer.continuous;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.LabelledPair;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A labelled pair as the pair store keeps it: the encoded images exactly as they arrived (not tensors), so a
 * round decodes them with the serving model's own preprocessing, the one the service applies.
 *
 * @param pairId the pair's id
 * @param label 0 same, 1 different
 * @param source where the label came from
 * @param left the left image, encoded (PNG, JPEG, ...)
 * @param leftType its media type
 * @param right the right image, encoded
 * @param rightType its media type
 */
public record StoredPair(String pairId, int label, String source, byte[] left, String leftType, byte[] right,
        String rightType) {

    /** Validates the fields. */
    public StoredPair {
        Objects.requireNonNull(pairId, "pairId");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        source = source == null ? "" : source;
        leftType = leftType == null ? "" : leftType;
        rightType = rightType == null ? "" : rightType;
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 (same) or 1 (different), got " + label);
        }
    }

    /**
     * Copies a record of the labelled-pairs topic.
     *
     * @param key the record key, used as id when the pair carries none
     * @param value the record value
     */
    public static StoredPair of(String key, LabelledPair value) {
        ImagePair pair = value.getPair();
        String id = pair.getPairId() == null || pair.getPairId().isEmpty() ? key : pair.getPairId();
        return new StoredPair(id, value.getLabel(), value.getSource(), bytes(pair.getLeft().getData()),
                pair.getLeft().getMediaType(), bytes(pair.getRight().getData()), pair.getRight().getMediaType());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
