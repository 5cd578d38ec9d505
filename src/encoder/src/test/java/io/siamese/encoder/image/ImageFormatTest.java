package io.siamese.encoder.image;

import static io.siamese.encoder.image.TestImages.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void shouldSniffEveryImageIoFormatFromItsMagicBytes() {
        var image = TestImages.grayAsRgb(4, 3, TestImages::gradient);
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.sniff(TestImages.encode(image, "png")));
        assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.sniff(TestImages.encode(image, "jpeg")));
        assertEquals(Optional.of(ImageFormat.BMP), ImageFormat.sniff(TestImages.encode(image, "bmp")));
        assertEquals(Optional.of(ImageFormat.GIF), ImageFormat.sniff(TestImages.encode(image, "gif")));
    }

    @Test
    void shouldSniffTiffAndBigTiffInBothByteOrders() {
        var image = TestImages.gray(4, 3, TestImages::gradient);
        assertEquals(Optional.of(ImageFormat.TIFF), ImageFormat.sniff(TestImages.encode(image, "tiff")));
        assertEquals(Optional.of(ImageFormat.TIFF), ImageFormat.sniff(TestImages.encode(image, "bigtiff")));
        for (String magic : new String[] {"II*\0", "MM\0*", "II+\0", "MM\0+"}) {
            assertEquals(Optional.of(ImageFormat.TIFF), ImageFormat.sniff(ascii(magic + "\0\0\0\u0008")), magic);
        }
        assertTrue(ImageFormat.sniff(ascii("II*")).isEmpty(), "too short to be a TIFF header");
    }

    @Test
    void shouldSniffPlainAndRawNetpbmBitmapsGraymapsAndPixmaps() {
        for (String magic : new String[] {"P1 ", "P2\n", "P3 ", "P4\t", "P5\r\n", "P6#comment\n"}) {
            assertEquals(Optional.of(ImageFormat.PNM), ImageFormat.sniff(ascii(magic + "1 1 255\n")), magic);
        }
    }

    @Test
    void shouldNotSniffPamPfmEmptyOrRandomBytes() {
        assertTrue(ImageFormat.sniff(ascii("P7\nWIDTH 1\n")).isEmpty());
        assertTrue(ImageFormat.sniff(ascii("PF\n1 1\n-1.0\n")).isEmpty());
        assertTrue(ImageFormat.sniff(ascii("P8\n1 1\n")).isEmpty());
        assertTrue(ImageFormat.sniff(ascii("PNG")).isEmpty());
        assertTrue(ImageFormat.sniff(new byte[0]).isEmpty());
        assertTrue(ImageFormat.sniff(null).isEmpty());
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        garbage[0] = '?';
        assertTrue(ImageFormat.sniff(garbage).isEmpty());
    }

    @Test
    void shouldMapCanonicalMediaTypes() {
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.fromMediaType("image/png"));
        assertEquals(Optional.of(ImageFormat.JPEG), ImageFormat.fromMediaType("image/jpeg"));
        assertEquals(Optional.of(ImageFormat.BMP), ImageFormat.fromMediaType("image/bmp"));
        assertEquals(Optional.of(ImageFormat.GIF), ImageFormat.fromMediaType("image/gif"));
        assertEquals(Optional.of(ImageFormat.PNM), ImageFormat.fromMediaType("image/x-portable-anymap"));
        assertEquals(Optional.of(ImageFormat.TIFF), ImageFormat.fromMediaType("image/tiff"));
        assertEquals("image/x-portable-anymap", ImageFormat.PNM.mediaType());
    }

    @Test
    void shouldAcceptNetpbmAliasesIgnoringCaseAndParameters() {
        assertEquals(Optional.of(ImageFormat.PNM), ImageFormat.fromMediaType("image/x-portable-bitmap"));
        assertEquals(Optional.of(ImageFormat.PNM), ImageFormat.fromMediaType("image/x-portable-graymap"));
        assertEquals(Optional.of(ImageFormat.PNM), ImageFormat.fromMediaType("image/x-portable-pixmap"));
        assertEquals(Optional.of(ImageFormat.PNG), ImageFormat.fromMediaType(" Image/PNG ; q=0.9"));
    }

    @Test
    void shouldNotMapUnknownMediaTypes() {
        assertTrue(ImageFormat.fromMediaType("image/webp").isEmpty());
        assertTrue(ImageFormat.fromMediaType("").isEmpty());
        assertTrue(ImageFormat.fromMediaType(null).isEmpty());
    }
}
