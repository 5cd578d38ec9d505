package io.siamese.service.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageEncoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Previews on the live page: small, and cheap to make even from a large image. */
class ThumbnailsTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static byte[] largePng() {
        BufferedImage image = new BufferedImage(2000, 2000, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2000; y += 50) {
            for (int x = 0; x < 2000; x++) {
                image.setRGB(x, y, 0xff8040);
            }
        }
        return ImageEncoding.png(image);
    }

    @Test
    void shouldPreviewALargeImageWithoutDecodingItAtFullSize() throws Exception {
        byte[] png = largePng();
        Thumbnails.dataUri(ByteBuffer.wrap(png)); // warm the codecs, so class loading is not counted

        long before = THREADS.getCurrentThreadAllocatedBytes();
        String uri = Thumbnails.dataUri(ByteBuffer.wrap(png));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertNotNull(uri);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()))));
        assertEquals(Thumbnails.MAX_SIDE, thumb.getWidth());
        // Decoded at full size, this 4 Mpx preview allocated 23 MB; subsampled, about 1 MB.
        assertTrue(allocated < 8L << 20, "allocated " + (allocated >> 20) + " MB for one preview");
    }
}
