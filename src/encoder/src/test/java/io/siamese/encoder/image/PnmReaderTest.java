package io.siamese.encoder.image;

import static io.siamese.encoder.image.TestImages.ascii;
import static io.siamese.encoder.image.TestImages.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PnmReaderTest {

    private static int gray(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    private static Reason reasonFor(byte[] bytes) {
        return assertThrows(ImageDecodeException.class, () -> PnmReader.read(bytes)).reason();
    }

    @Test
    void shouldReadPlainGraymapWithComments() {
        BufferedImage image = PnmReader.read(ascii("P2\n# made by hand\n3 2 # size\n255\n0 128 255\n# mid\n7 8\t9\n"));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        assertEquals(128, gray(image, 1, 0));
        assertEquals(255, gray(image, 2, 0));
        assertEquals(9, gray(image, 2, 1));
    }

    @Test
    void shouldReadRawGraymap() {
        BufferedImage image = PnmReader.read(concat(ascii("P5 2 1 255\n"), new byte[] {10, (byte) 200}));
        assertEquals(10, gray(image, 0, 0));
        assertEquals(200, gray(image, 1, 0));
    }

    @Test
    void shouldScaleSixteenBitRawGraymapToEightBits() {
        byte[] raster = {0, 0, (byte) 0x80, (byte) 0x80, (byte) 0xff, (byte) 0xff}; // 0, 32896, 65535
        BufferedImage image = PnmReader.read(concat(ascii("P5\n3 1\n65535\n"), raster));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertEquals(0, gray(image, 0, 0));
        assertEquals(128, gray(image, 1, 0));
        assertEquals(255, gray(image, 2, 0));
    }

    @Test
    void shouldScaleSmallMaxvalToFullRange() {
        BufferedImage image = PnmReader.read(ascii("P2 3 1 15 0 1 15"));
        assertEquals(0, gray(image, 0, 0));
        assertEquals(17, gray(image, 1, 0));
        assertEquals(255, gray(image, 2, 0));
    }

    @Test
    void shouldReadPlainAndRawPixmapsAsRgb() {
        BufferedImage plain = PnmReader.read(ascii("P3\n2 1\n255\n255 0 0  10 20 30\n"));
        byte[] rawRaster = {(byte) 255, 0, 0, 10, 20, 30};
        BufferedImage raw = PnmReader.read(concat(ascii("P6\n2 1\n255\n"), rawRaster));
        for (BufferedImage image : new BufferedImage[] {plain, raw}) {
            assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
            assertEquals(0xff0000, image.getRGB(0, 0) & 0xffffff);
            assertEquals(0x0a141e, image.getRGB(1, 0) & 0xffffff);
        }
    }

    @Test
    void shouldParseHeaderWithoutTouchingTheRaster() {
        PnmReader.Header header = PnmReader.readHeader(ascii("P6 # c\n640\n480 65535\n"));
        assertEquals('6', header.kind());
        assertEquals(640, header.width());
        assertEquals(480, header.height());
        assertEquals(3, header.channels());
        assertTrue(header.binary());
        assertEquals(307_200L, header.pixels());
    }

    @Test
    void shouldRejectTruncatedRawRaster() {
        var e = assertThrows(ImageDecodeException.class,
                () -> PnmReader.read(concat(ascii("P6\n2 2\n255\n"), new byte[11])));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("truncated P6 raster: 2x2 needs 12 bytes"), e.getMessage());
    }

    @Test
    void shouldRejectPlainHeaderThatLiesAboutItsSizeBeforeAllocating() {
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P2 100000 100000 255 1 2 3")));
    }

    @Test
    void shouldRejectSampleAboveMaxval() {
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P2 2 1 100 50 101")));
    }

    @Test
    void shouldRejectBogusHeaders() {
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n0 4\n255\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n4 4\n70000\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n4x4\n255\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n4 4\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n99999999999 4\n255\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P2 2 1 255 1 x")));
    }

    @Test
    void shouldRejectBitmapsAsUnsupported() {
        assertEquals(Reason.UNSUPPORTED_FORMAT, reasonFor(ascii("P1\n1 1\n1\n")));
    }

    @Test
    void shouldWriteRawGraymapThatReadsBack() {
        byte[] pgm = PnmWriter.writeP5(new float[] {0f, 0.5f, 1f, 2f}, 2, 2);
        assertTrue(new String(pgm, 0, 11, java.nio.charset.StandardCharsets.US_ASCII).startsWith("P5\n2 2\n255\n"));
        BufferedImage image = PnmReader.read(pgm);
        assertEquals(0, gray(image, 0, 0));
        assertEquals(128, gray(image, 1, 0));
        assertEquals(255, gray(image, 0, 1));
        assertEquals(255, gray(image, 1, 1), "values above 1 are clamped");
    }
}
