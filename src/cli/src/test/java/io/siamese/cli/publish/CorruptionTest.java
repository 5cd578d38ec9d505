package io.siamese.cli.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageDecodeException;
import io.siamese.encoder.image.ImageDecodeException.Reason;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.ImageLimits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorruptionTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
    private final byte[] validPng = ImageEncoding.png(new float[28 * 28], 28, 28);

    private Reason rejection(Corruption kind) {
        byte[] bytes = kind.imageBytes(validPng, new SplittableRandom(1));
        return assertThrows(ImageDecodeException.class, () -> decoder.decode(bytes)).reason();
    }

    @Test
    void eachImageCorruptionIsRejectedByTheServicesDecoderForItsOwnReason() {
        assertEquals(Reason.UNSUPPORTED_FORMAT, rejection(Corruption.RANDOM_BYTES));
        assertEquals(Reason.CORRUPT, rejection(Corruption.TRUNCATED_PNG));
        assertEquals(Reason.TOO_MANY_PIXELS, rejection(Corruption.PIXEL_BOMB));
        assertEquals(Reason.UNSUPPORTED_FORMAT, rejection(Corruption.UNSUPPORTED_FORMAT));
    }

    @Test
    void thePixelBombIsTinyButDeclaresBillionsOfPixels() {
        byte[] bomb = Corruption.PIXEL_BOMB.imageBytes(validPng, new SplittableRandom(1));

        assertTrue(bomb.length < 100, "bytes: " + bomb.length);
        assertEquals("image/png", Corruption.PIXEL_BOMB.mediaType());
    }

    @Test
    void onlyTheNotAvroKindBreaksTheRecordInsteadOfAnImage() {
        assertFalse(Corruption.NOT_AVRO.breaksImage());
        assertThrows(IllegalStateException.class,
                () -> Corruption.NOT_AVRO.imageBytes(validPng, new SplittableRandom(1)));
        byte[] value = PairRecords.notAvro("p-1");
        assertTrue(value[0] != 0, "must not start with the Confluent magic byte");
        assertEquals("image/webp", Corruption.UNSUPPORTED_FORMAT.mediaType());
    }
}
