package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes untrusted encoded images (PNG, JPEG including CMYK and YCCK, BMP, GIF, TIFF, netpbm)
 * into {@link BufferedImage}s, enforcing {@link ImageLimits}.
 *
 * <p>Checks run cheapest first: byte size, magic bytes, then the width and height declared in
 * the header, all before a single pixel is decoded, so a 100-byte file that claims to be
 * 50000&times;50000 is refused without allocating gigabytes. TIFF alone may declare any number
 * of samples per pixel and bits per sample, so its decoded raster is also held to
 * {@link #MAX_RASTER_BYTES_PER_PIXEL} bytes for each allowed pixel. Every failure is an
 * {@link ImageDecodeException} with a {@link ImageDecodeException.Reason}. Instances are
 * immutable and thread-safe.
 *
 * <p>PNG, BMP, GIF and ordinary JPEG are read by the JDK's own readers; netpbm, TIFF and
 * 4-channel JPEG by the TwelveMonkeys plugins ({@link ImageIoPlugins}). Ordinary JPEGs stay
 * with the JDK reader, so that they decode exactly as before (and as fast); the plugin takes
 * over only 4-channel JPEGs.
 */
public final class ImageDecoder {

    /**
     * Decoded raster bytes allowed for each pixel {@link ImageLimits#maxPixels()} allows: 16-bit
     * RGBA, the widest PNG, so TIFF gets the same memory budget as every other format.
     */
    public static final int MAX_RASTER_BYTES_PER_PIXEL = 8;

    static {
        // A shared service must not spill uploads into java.io.tmpdir; decode from memory only.
        ImageIO.setUseCache(false);
        ImageIoPlugins.register();
    }

    private final ImageLimits limits;

    /**
     * Creates a decoder.
     *
     * @param limits the size limits to enforce
     */
    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * The limits this decoder enforces.
     *
     * @return the limits
     */
    public ImageLimits limits() {
        return limits;
    }

    /**
     * Validates and decodes an encoded image.
     *
     * @param bytes the encoded image
     * @return the decoded image (for GIF and TIFF, the first image)
     * @throws ImageDecodeException when the image is empty, over a limit, of an unsupported
     *     format or corrupt
     */
    public BufferedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(ImageDecodeException.Reason.EMPTY, "encoded image is empty (0 bytes)");
        }
        if (bytes.length > limits.maxEncodedBytes()) {
            throw ImageDecodeException.tooLarge(bytes.length, limits.maxEncodedBytes());
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> unsupported(bytes));
        NetpbmMaxval maxval = format == ImageFormat.PNM ? NetpbmMaxval.find(bytes) : null;
        if (maxval == null) {
            return decodeWithImageIo(bytes, format);
        }
        return maxval.rescale(decodeWithImageIo(maxval.withFullRangeMaxval(bytes), format));
    }

    private BufferedImage decodeWithImageIo(byte[] bytes, ImageFormat format) {
        // Pick the reader for the sniffed format rather than letting ImageIO guess, so a file is
        // never decoded as something other than what it was checked as.
        boolean plugin = format == ImageFormat.PNM || format == ImageFormat.TIFF;
        ImageReader reader = open(bytes, format, plugin);
        try {
            checkPixels(reader.getWidth(0), reader.getHeight(0));
            if (format == ImageFormat.JPEG && reader.getRawImageType(0) == null) {
                // 4-channel (CMYK, YCCK) JPEGs, which the JDK reader gives no raw type: it decodes
                // YCCK several gray levels away from PIL, whereas the plugin converts both to RGB
                // as PIL does when no ICC profile is embedded (CmykJpegDecodingTest).
                ImageReader jdkReader = reader;
                reader = open(bytes, format, true);
                jdkReader.dispose();
            }
            if (format == ImageFormat.TIFF) {
                checkRasterBytes(reader);
            }
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            if (image == null) {
                throw ImageDecodeException.corrupt("corrupt " + format + " image: the decoder returned no image");
            }
            return image;
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException | AssertionError e) {
            // Truncation and malformed chunks surface as IIOException, EOFException or, from some
            // plugins, IndexOutOfBounds/IllegalArgument: all mean the bytes are bad. The plugins
            // also mark "cannot happen" decoder states with AssertionError; should bytes reach one,
            // it must not escape as an Error, which stops a Kafka Streams instance.
            throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                    "corrupt " + format + " image: " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader open(byte[] bytes, ImageFormat format, boolean plugin) {
        ImageReader reader;
        try {
            reader = ImageIoPlugins.reader(format.imageIoName(), plugin);
        } catch (IOException e) {
            reader = null;
        }
        if (reader == null) {
            throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                    "no " + format + " decoder is available in this Java runtime");
        }
        // A memory-backed stream needs no closing; the reader is disposed by the caller.
        reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)), true, true);
        return reader;
    }

    private void checkRasterBytes(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            return; // the reader will refuse the image itself
        }
        SampleModel sample = type.getSampleModel(1, 1);
        long bytesPerPixel = (long) sample.getNumDataElements() * DataBuffer.getDataTypeSize(sample.getDataType()) / 8;
        long rasterBytes = (long) reader.getWidth(0) * reader.getHeight(0) * Math.max(1, bytesPerPixel);
        long limit = limits.maxPixels() * MAX_RASTER_BYTES_PER_PIXEL;
        if (rasterBytes > limit) {
            throw new ImageDecodeException(ImageDecodeException.Reason.TOO_MANY_PIXELS, "image is "
                    + reader.getWidth(0) + "x" + reader.getHeight(0) + " at " + bytesPerPixel
                    + " bytes per pixel = " + rasterBytes + " bytes decoded, over the limit of " + limit
                    + " bytes (" + MAX_RASTER_BYTES_PER_PIXEL + " per allowed pixel)");
        }
    }

    private void checkPixels(long width, long height) {
        if (width < 1 || height < 1) {
            throw ImageDecodeException.corrupt("image header declares an empty image: " + width + "x" + height);
        }
        if (width * height > limits.maxPixels()) {
            throw ImageDecodeException.tooManyPixels(width, height, limits.maxPixels());
        }
    }

    private static ImageDecodeException unsupported(byte[] bytes) {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            head.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
        }
        return new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                "unsupported image format: the first bytes (" + head
                        + ") match none of PNG, JPEG, BMP, GIF, TIFF or netpbm P1-P6");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? text + " (" + cause.getMessage() + ")" : text;
    }
}
