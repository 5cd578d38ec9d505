package io.siamese.encoder.image;

import javax.imageio.ImageReadParam;

/**
 * How many source pixels an image decode steps over on each axis, so that a large image is decoded
 * near the size the model needs instead of at full size: ImageIO's
 * {@link ImageReadParam#setSourceSubsampling} reads every {@code x}-th column and {@code y}-th row
 * straight from the encoded stream, and the full-size raster is never built.
 *
 * <p>The rule keeps the decoded side at least {@value #SAFETY} times the target side, so the
 * resize that follows ({@link GrayResampler}, area averaging) still averages at least
 * {@value #SAFETY}&times;{@value #SAFETY} decoded pixels into each tensor pixel. Consequently an
 * image under {@code 2 * SAFETY} times the target side on an axis is not subsampled on that axis at
 * all: 28&times;28 Fashion-MNIST, or anything up to 511 pixels for a 32-pixel model, decodes bit
 * for bit as before. Every decode, training and serving alike, goes through this one rule, so the
 * two never see differently prepared inputs. A decoded side is always under {@code 2 * SAFETY}
 * times its target side (or the source side, when smaller), which is what bounds decode memory.
 *
 * @param x columns stepped per decoded column (1 = every column)
 * @param y rows stepped per decoded row (1 = every row)
 */
record SourceSubsampling(int x, int y) {

    /** Least ratio of decoded side to target side; 8 kept the mean tensor difference to full decode under 1.5/255. */
    static final int SAFETY = 8;

    /** Every pixel decoded: full size. */
    static final SourceSubsampling NONE = new SourceSubsampling(1, 1);

    /**
     * The subsampling for decoding a {@code sourceWidth x sourceHeight} image that will be resized
     * to {@code targetWidth x targetHeight}.
     */
    static SourceSubsampling toward(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        return new SourceSubsampling(factor(sourceWidth, targetWidth), factor(sourceHeight, targetHeight));
    }

    private static int factor(int source, int target) {
        return (int) Math.max(1, source / (SAFETY * (long) target));
    }

    /** The decoded width for a source width: ImageIO keeps columns 0, x, 2x, ... */
    int decodedWidth(int sourceWidth) {
        return (sourceWidth + x - 1) / x;
    }

    /** The decoded height for a source height. */
    int decodedHeight(int sourceHeight) {
        return (sourceHeight + y - 1) / y;
    }

    /** Whether the decode skips any pixel. */
    boolean subsamples() {
        return x > 1 || y > 1;
    }

    /** Applies this subsampling to a read parameter (grid offset 0, as the decoded sizes assume). */
    ImageReadParam applyTo(ImageReadParam param) {
        if (subsamples()) {
            param.setSourceSubsampling(x, y, 0, 0);
        }
        return param;
    }
}
