package io.siamese.encoder.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts any {@link BufferedImage} to 8-bit luminance with PIL's {@code convert("L")} rule.
 *
 * <p>Gray and component-RGB images are read from the raster rather than through {@code getRGB},
 * which colour-converts to sRGB: Java treats its gray colour space as linear, so gray 128 would
 * not come back as 128, and images carrying an ICC profile would be shifted by it, whereas PIL
 * uses the stored values as they are.
 */
final class GrayConversion {

    private GrayConversion() {
    }

    /**
     * PIL's fixed-point form of {@code L = R*299/1000 + G*587/1000 + B*114/1000}, rounded to
     * nearest; the weights sum to exactly 65536, so white stays 255.
     */
    static int luma(int red, int green, int blue) {
        return (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16;
    }

    /**
     * Returns the image's luminance, row-major, values 0..255; alpha is ignored (colour channels
     * are used as stored, not composited onto a background).
     */
    static int[] toGray8(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(raster, palette, width, height);
        }
        if (!hasIntegerSamples(model)) {
            return fromArgb(image);
        }
        int space = model.getColorSpace().getType();
        if (space == ColorSpace.TYPE_GRAY) {
            return fromGrayBand(raster, model.getComponentSize(0), width, height);
        }
        if (space == ColorSpace.TYPE_RGB && model instanceof ComponentColorModel && !model.isAlphaPremultiplied()) {
            return fromRgbBands(raster, model, width, height);
        }
        return fromArgb(image);
    }

    /**
     * Packed sRGB (TYPE_INT_RGB and friends) and anything unusual: getRGB is exact for the
     * former and the best available for the rest.
     */
    private static int[] fromArgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        int[] gray = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            gray[i] = luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
        return gray;
    }

    private static int[] fromPalette(Raster raster, IndexColorModel palette, int width, int height) {
        int[] lumaOfIndex = new int[palette.getMapSize()];
        for (int i = 0; i < lumaOfIndex.length; i++) {
            lumaOfIndex[i] = luma(palette.getRed(i), palette.getGreen(i), palette.getBlue(i));
        }
        int[] gray = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        for (int i = 0; i < gray.length; i++) {
            int index = gray[i];
            // A malformed file may index past a short palette; black is what PIL shows there.
            gray[i] = index < lumaOfIndex.length ? lumaOfIndex[index] : 0;
        }
        return gray;
    }

    /**
     * Component images are read raw because decoders attach embedded ICC profiles (Display P3,
     * Adobe RGB) to them, and getRGB would colour-convert to sRGB; PIL ignores the profile.
     */
    private static int[] fromRgbBands(Raster raster, ColorModel model, int width, int height) {
        int[][] bands = new int[3][];
        for (int band = 0; band < 3; band++) {
            bands[band] = rescale(raster.getSamples(0, 0, width, height, band, (int[]) null),
                    model.getComponentSize(band));
        }
        int[] gray = new int[width * height];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = luma(bands[0][i], bands[1][i], bands[2][i]);
        }
        return gray;
    }

    private static boolean hasIntegerSamples(ColorModel model) {
        int type = model.getTransferType();
        boolean integral = type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT || type == DataBuffer.TYPE_INT;
        for (int c = 0; integral && c < model.getNumColorComponents(); c++) {
            integral = model.getComponentSize(c) <= 16;
        }
        return integral;
    }

    private static int[] fromGrayBand(Raster raster, int bits, int width, int height) {
        return rescale(raster.getSamples(0, 0, width, height, 0, (int[]) null), bits);
    }

    /** 16-bit (and 1/2/4-bit) samples to 0..255 with rounding, the rule {@link NetpbmMaxval} uses too. */
    private static int[] rescale(int[] samples, int bits) {
        if (bits == 8) {
            return samples;
        }
        long max = (1L << bits) - 1;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (int) ((samples[i] * 255L + max / 2) / max);
        }
        return samples;
    }
}
