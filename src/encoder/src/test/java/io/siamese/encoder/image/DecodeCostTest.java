package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link DecodeCost} against what the decode path really allocates, for every format and pixel
 * layout, at full size and subsampled: the heap allocated by the decoding thread from the encoded
 * bytes to the tensor (an upper bound of the peak it holds) never exceeds what was reserved.
 */
class DecodeCostTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long BUDGET = 1L << 40;
    private static final Preprocessing MODEL = new Preprocessing(32, 32, false);

    @Test
    void shouldReserveAtLeastWhatDecodingAndConvertingEachFormatAllocates() {
        DecodeBudget budget = new DecodeBudget(BUDGET, "test");
        // Uncompressed BMP, TIFF and netpbm at 4000x2000 are over the default 8 MiB.
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(64L << 20, ImageLimits.DEFAULT.maxPixels()), budget,
                DecodeBudget.FOREVER);
        Map<String, byte[]> images = new LinkedHashMap<>();
        addFormats(images, "", 1000, 1000);
        addFormats(images, "subsampled ", 4000, 2000);
        images.put("wide png rgb", TestImages.encode(shaded(60_000, 40, BufferedImage.TYPE_3BYTE_BGR), "png"));
        images.put("png rgba16", TestImages.encode(rgba16(1000, 1000), "png"));
        StringBuilder report = new StringBuilder();
        for (var image : images.entrySet()) {
            // Large images at full size only at 1000x1000, to keep the test quick.
            boolean large = image.getKey().startsWith("subsampled") || image.getKey().startsWith("wide");
            for (Preprocessing target : large ? new Preprocessing[] {MODEL} : new Preprocessing[] {null, MODEL}) {
                long[] reserved = new long[1];
                decode(decoder, image.getValue(), target, reserved, budget); // warm-up: class loading, tables
                long before = THREADS.getCurrentThreadAllocatedBytes();
                DecodedImage decoded = decode(decoder, image.getValue(), target, reserved, budget);
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                String line = String.format("%-22s %-6s %5dx%-5d reserved %,12d allocated %,12d (%.2f)%n",
                        image.getKey(), target == null ? "full" : "model", decoded.image().getWidth(),
                        decoded.image().getHeight(), reserved[0], allocated, reserved[0] / (double) allocated);
                report.append(line);
                assertTrue(allocated <= reserved[0], line);
            }
        }
        System.out.print(report);
    }

    private static DecodedImage decode(ImageDecoder decoder, byte[] bytes, Preprocessing target, long[] reserved,
            DecodeBudget budget) {
        return decoder.decode(bytes, target, d -> {
            reserved[0] = BUDGET - budget.availableBytes();
            MODEL.toTensor(d.image());
            return d;
        });
    }

    /** Every format and pixel layout: name, BufferedImage type, ImageIO writer. */
    private static final Object[][] FORMATS = {
        {"png gray", BufferedImage.TYPE_BYTE_GRAY, "png"}, {"png rgb", BufferedImage.TYPE_3BYTE_BGR, "png"},
        {"png rgba", BufferedImage.TYPE_4BYTE_ABGR, "png"}, {"png gray16", BufferedImage.TYPE_USHORT_GRAY, "png"},
        {"png palette", BufferedImage.TYPE_BYTE_INDEXED, "png"}, {"gif", BufferedImage.TYPE_BYTE_INDEXED, "gif"},
        {"jpeg rgb", BufferedImage.TYPE_3BYTE_BGR, "jpeg"}, {"jpeg gray", BufferedImage.TYPE_BYTE_GRAY, "jpeg"},
        {"bmp rgb", BufferedImage.TYPE_3BYTE_BGR, "bmp"}, {"bmp 565", BufferedImage.TYPE_USHORT_565_RGB, "bmp"},
        {"tiff rgb", BufferedImage.TYPE_3BYTE_BGR, "tiff"}, {"pnm rgb", BufferedImage.TYPE_3BYTE_BGR, "pnm"},
    };

    private static void addFormats(Map<String, byte[]> images, String prefix, int width, int height) {
        for (Object[] format : FORMATS) {
            images.put(prefix + format[0], TestImages.encode(shaded(width, height, (Integer) format[1]),
                    (String) format[2]));
        }
    }

    /** A diagonal colour gradient with alpha, drawn in the given image type. */
    private static BufferedImage shaded(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200, 30, 60, 200), width, height, new Color(20, 180, 90)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** 16-bit RGBA, the widest PNG: 8 bytes a pixel. */
    private static BufferedImage rgba16(int width, int height) {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16, 16}, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 4; c++) {
                    raster.setSample(x, y, c, (x * 13 + y * 7 + c * 1000) & 0xffff);
                }
            }
        }
        return new BufferedImage(model, raster, false, null);
    }
}
