package io.siamese.service.stream;

import io.siamese.encoder.image.DecodeBudget;
import io.siamese.encoder.image.ImageDecodeException;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageFormat;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.serde.RegistryUnavailableException;
import io.siamese.schemas.serde.UnknownSchemaIdException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a raw {@code image-pairs} value into a {@link DecodedPair}, or says precisely why it
 * cannot: undeserialisable, unknown schema, invalid fields, an image that is corrupt, too large,
 * too small or of an unsupported format. Decoding uses the same preprocessing code as training.
 */
public final class PairDecoder {

    private final Deserializer<ImagePair> deserializer;
    private final ImageDecoder images;
    private final int minSide;

    /**
     * A decoder with no decode budget (tests).
     *
     * @param deserializer Confluent-wire-format Avro deserializer for ImagePair
     * @param limits encoded size and pixel limits
     * @param minSide smallest accepted width or height
     */
    public PairDecoder(Deserializer<ImagePair> deserializer, ImageLimits limits, int minSide) {
        this(deserializer, limits, minSide, DecodeBudget.unlimited(), Duration.ZERO);
    }

    /**
     * @param deserializer Confluent-wire-format Avro deserializer for ImagePair
     * @param limits encoded size and pixel limits
     * @param minSide smallest accepted width or height
     * @param budget the process-wide bound on decode heap in flight
     * @param wait how long one image waits for its share of the budget
     */
    public PairDecoder(Deserializer<ImagePair> deserializer, ImageLimits limits, int minSide, DecodeBudget budget,
            Duration wait) {
        this.deserializer = deserializer;
        this.images = new ImageDecoder(limits, budget, wait);
        this.minSide = minSide;
    }

    /**
     * Deserializes and checks the event's fields.
     *
     * @throws RejectedRecord               when the record can never be read (its dead letter)
     * @throws RegistryUnavailableException when its writer schema is not cached and the registry does not answer:
     *                                      no verdict on the record, which must be held and read again later
     */
    public ImagePair deserialize(String topic, byte[] value) throws RejectedRecord {
        if (value == null) {
            throw new RejectedRecord(DeadLetterKinds.INVALID, "record has no value (tombstone); an ImagePair is required");
        }
        ImagePair pair;
        try {
            pair = deserializer.deserialize(topic, value);
        } catch (RegistryUnavailableException e) {
            throw e;
        } catch (UnknownSchemaIdException e) {
            throw new RejectedRecord(DeadLetterKinds.UNKNOWN_SCHEMA, e.getMessage());
        } catch (SerializationException e) {
            throw new RejectedRecord(DeadLetterKinds.DESERIALIZATION, "not a readable ImagePair: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new RejectedRecord(DeadLetterKinds.DESERIALIZATION, "not a readable ImagePair: " + e);
        }
        if (pair.getPairId() == null || pair.getPairId().isBlank()) {
            throw new RejectedRecord(DeadLetterKinds.INVALID, "pairId is empty");
        }
        return pair;
    }

    /**
     * Decodes and preprocesses both images for a model's preprocessing, one after the other: each
     * holds its share of the decode budget only while it is decoded and converted.
     *
     * @throws DecodeBudget.BusyException when an image's share stayed taken for the whole wait: the
     *     pair is fine, the process busy
     */
    public DecodedPair decode(ImagePair pair, Preprocessing preprocessing) throws RejectedRecord {
        return new DecodedPair(pair, tensor("left", pair.getLeft(), preprocessing),
                tensor("right", pair.getRight(), preprocessing));
    }

    private float[] tensor(String side, Image image, Preprocessing preprocessing) throws RejectedRecord {
        String mediaType = image.getMediaType();
        if (mediaType != null && !mediaType.isBlank() && ImageFormat.fromMediaType(mediaType).isEmpty()) {
            throw new RejectedRecord(DeadLetterKinds.UNSUPPORTED_FORMAT, side + " image: media type '" + mediaType
                    + "' is not supported (png, jpeg, bmp, gif, tiff, pbm/pgm/ppm)");
        }
        ByteBuffer data = image.getData();
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        Converted converted;
        try {
            // The encoder's one decode path (subsampled toward the model's size when large), converted
            // while the decode budget is held; the minimum side is about the image as sent.
            converted = images.decode(bytes, preprocessing, d -> new Converted(d.sourceWidth(), d.sourceHeight(),
                    d.sourceWidth() < minSide || d.sourceHeight() < minSide ? null : preprocessing.toTensor(d.image())));
        } catch (ImageDecodeException e) {
            throw new RejectedRecord(kindOf(e.reason()), side + " image: " + e.getMessage());
        }
        if (converted.tensor() == null) {
            throw new RejectedRecord(DeadLetterKinds.BAD_DIMENSIONS, side + " image is " + converted.width() + "x"
                    + converted.height() + ", below the minimum side of " + minSide + " pixels (siamese.image.min-side)");
        }
        return converted.tensor();
    }

    /** An image's size as sent and its tensor; no tensor when the image is under the minimum side. */
    private record Converted(int width, int height, float[] tensor) {}

    private static String kindOf(ImageDecodeException.Reason reason) {
        return switch (reason) {
            case TOO_LARGE, TOO_MANY_PIXELS -> DeadLetterKinds.TOO_LARGE;
            case UNSUPPORTED_FORMAT -> DeadLetterKinds.UNSUPPORTED_FORMAT;
            case EMPTY, CORRUPT -> DeadLetterKinds.CORRUPT_IMAGE;
        };
    }
}
