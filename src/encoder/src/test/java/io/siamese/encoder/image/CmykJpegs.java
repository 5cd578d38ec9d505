package io.siamese.encoder.image;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;

/**
 * Writes 4-channel JPEGs the way Photoshop does: an Adobe APP14 marker and inverted CMYK
 * samples (255 = no ink), stored as CMYK or YCCK. The JDK's JPEG writer encodes a 4-band raster
 * under whatever marker it is given, so the fixtures are made in the test with the JDK alone
 * (and the plugins' generic CMYK colour space to request 4-channel metadata).
 */
final class CmykJpegs {

    /** Adobe APP14 transform: 4-channel samples stored as they are. */
    static final int CMYK = 0;
    /** Adobe APP14 transform: CMY stored as luma and chroma, as most Photoshop files do. */
    static final int YCCK = 2;

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private CmykJpegs() {
    }

    /** Ink coverage of one patch, each 0 (none) to 255 (full). */
    record Ink(int cyan, int magenta, int yellow, int black) {
    }

    /**
     * A JPEG of 16x16 patches side by side (whole MCUs, so patches do not bleed into each
     * other), at the highest quality.
     *
     * @param transform {@link #CMYK} or {@link #YCCK}
     * @param patches the ink of each patch, left to right
     * @return the JPEG bytes
     */
    static byte[] patches(int transform, Ink... patches) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16 * patches.length, 16, 4, null);
        for (int p = 0; p < patches.length; p++) {
            int[] inverted = {255 - patches[p].cyan(), 255 - patches[p].magenta(),
                255 - patches[p].yellow(), 255 - patches[p].black()};
            for (int y = 0; y < 16; y++) {
                for (int x = 16 * p; x < 16 * (p + 1); x++) {
                    raster.setPixel(x, y, inverted);
                }
            }
        }
        if (transform == YCCK) {
            toYcck(raster);
        }
        return write(raster, transform);
    }

    /**
     * The JDK writer stores raster samples as they are, whatever the marker says, so YCCK is
     * computed here as libjpeg defines it: JFIF YCbCr of (255 - C, 255 - M, 255 - Y), K kept.
     */
    private static void toYcck(WritableRaster raster) {
        int[] pixel = new int[4];
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                raster.getPixel(x, y, pixel);
                double r = 255 - pixel[0];
                double g = 255 - pixel[1];
                double b = 255 - pixel[2];
                pixel[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
                pixel[1] = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
                pixel[2] = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
                raster.setPixel(x, y, pixel);
            }
        }
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static byte[] write(Raster raster, int transform) {
        return TestImages.write("jpeg", (writer, param) -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            ImageTypeSpecifier cmyk = ImageTypeSpecifier.createInterleaved(
                    ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK), new int[] {0, 1, 2, 3},
                    DataBuffer.TYPE_BYTE, false, false);
            IIOMetadata metadata = writer.getDefaultImageMetadata(cmyk, param);
            Element tree = (Element) metadata.getAsTree(JPEG_METADATA);
            ((Element) tree.getElementsByTagName("app14Adobe").item(0))
                    .setAttribute("transform", Integer.toString(transform));
            metadata.setFromTree(JPEG_METADATA, tree);
            return new IIOImage(raster, null, metadata);
        });
    }
}
