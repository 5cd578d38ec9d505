package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntBinaryOperator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** In-memory image fixtures shared by the image and data tests. */
public final class TestImages {

    private TestImages() {
    }

    /** An 8-bit gray image whose pixel (x, y) is {@code value.applyAsInt(x, y)}, set in the raster. */
    public static BufferedImage gray(int width, int height, IntBinaryOperator value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** An RGB image with r = g = b = {@code value(x, y)}. */
    public static BufferedImage grayAsRgb(int width, int height, IntBinaryOperator value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = value.applyAsInt(x, y);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    /** A palette image with a 256-entry gray ramp, so GIF stores every gray level exactly. */
    public static BufferedImage indexedGray(int width, int height, IntBinaryOperator value) {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        IndexColorModel palette = new IndexColorModel(8, 256, ramp, ramp, ramp);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, palette);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, value.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** The test gradient used across format tests: distinct, non-trivial 8-bit values. */
    public static int gradient(int x, int y) {
        return (x * 29 + y * 7 + 3) % 256;
    }

    /** Encodes with the named ImageIO writer. */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What to write, given the writer and its parameters, which it may set. */
    public interface WriteSetup {
        /**
         * Sets the write parameters and makes the image to write.
         *
         * @param writer the writer, for metadata of its own format
         * @param param the writer's default parameters
         * @return the image, with metadata or without
         * @throws IOException when the metadata is refused
         */
        IIOImage prepare(ImageWriter writer, ImageWriteParam param) throws IOException;
    }

    /** Encodes with the first ImageIO writer for {@code format}, set up by {@code setup}. */
    public static byte[] write(String format, WriteSetup setup) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.write(null, setup.prepare(writer, param), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Expected tensor for 8-bit values, computed independently of the code under test. */
    public static float[] scaled(int width, int height, IntBinaryOperator value) {
        float[] expected = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                expected[y * width + x] = value.applyAsInt(x, y) / 255f;
            }
        }
        return expected;
    }

    /**
     * A real PNG whose IHDR has been patched to claim a different size, with the chunk CRC
     * recomputed so that the header itself is valid: a decompression bomb in miniature.
     */
    public static byte[] pngClaimingSize(int width, int height) {
        byte[] png = encode(gray(4, 4, TestImages::gradient), "png");
        // Signature (8) + IHDR length (4) + "IHDR" (4): width and height follow at 16 and 20.
        if (!"IHDR".equals(new String(png, 12, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("IHDR is not the first chunk");
        }
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13); // chunk type and the 13 IHDR data bytes
        buffer.putInt(12 + 4 + 13, (int) crc.getValue());
        return png;
    }

    /** A raw 8-bit netpbm graymap (P5, maxval 255) whose pixel (x, y) is {@code value(x, y)}. */
    public static byte[] pgm(int width, int height, IntBinaryOperator value) {
        byte[] raster = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster[y * width + x] = (byte) value.applyAsInt(x, y);
            }
        }
        return concat(ascii("P5\n" + width + " " + height + "\n255\n"), raster);
    }

    /** ASCII bytes, for hand-built netpbm files. */
    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
