package io.siamese.service.live;

import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Small previews of the images as sent (not as the model sees them): scaled down with nearest
 * neighbour so that pixels stay crisp and nothing is blended, encoded as PNG data URIs.
 */
final class Thumbnails {

    /** Longest side of a thumbnail, in pixels. */
    static final int MAX_SIDE = 64;
    /** Larger encoded images are not previewed: decoding them would cost more than a page is worth. */
    static final int MAX_ENCODED_BYTES = 1 << 20;

    // Tighter than the service's own limits: a preview never decodes more than 4 Mpx.
    private static final ImageDecoder DECODER = new ImageDecoder(new ImageLimits(MAX_ENCODED_BYTES, 4L << 20));
    /** The size previews are decoded toward; only its width and height matter here. */
    private static final Preprocessing PREVIEW = new Preprocessing(MAX_SIDE, MAX_SIDE, false);

    private Thumbnails() {}

    /** Whether an encoded image is small enough to preview. */
    static boolean previewable(ByteBuffer data) {
        return data != null && data.remaining() > 0 && data.remaining() <= MAX_ENCODED_BYTES;
    }

    /**
     * A {@code data:image/png;base64,...} URI of the image at most {@value #MAX_SIDE} pixels on
     * its longest side, or null when it cannot be previewed (never throws: a preview is optional).
     */
    static String dataUri(ByteBuffer data) {
        if (!previewable(data)) {
            return null;
        }
        try {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            // Decoded subsampled toward the thumbnail (as the model's input is), not at full size: the heap a
            // preview needs then depends on the thumbnail's size, not on the sender's image.
            byte[] png = ImageEncoding.png(DECODER.decode(bytes, PREVIEW, d -> scaleDown(d.image())));
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Nearest-neighbour reduction to at most {@value #MAX_SIDE} pixels a side; gray stays gray. */
    static BufferedImage scaleDown(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        boolean gray = src.getType() == BufferedImage.TYPE_BYTE_GRAY || src.getType() == BufferedImage.TYPE_USHORT_GRAY;
        int type = gray ? BufferedImage.TYPE_BYTE_GRAY
                : src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(tw, th, type);
        // Gray is copied sample by sample: going through RGB would gamma-convert the levels.
        int shift = src.getType() == BufferedImage.TYPE_USHORT_GRAY ? 8 : 0;
        for (int y = 0; y < th; y++) {
            int sy = Math.min(h - 1, (int) ((y + 0.5) * h / th));
            for (int x = 0; x < tw; x++) {
                int sx = Math.min(w - 1, (int) ((x + 0.5) * w / tw));
                if (gray) {
                    out.getRaster().setSample(x, y, 0, src.getRaster().getSample(sx, sy, 0) >> shift);
                } else {
                    out.setRGB(x, y, src.getRGB(sx, sy));
                }
            }
        }
        return out;
    }
}
