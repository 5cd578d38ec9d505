package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

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
 * <p>Decoding for a model ({@link #decode(byte[], Preprocessing, Function)}) reads a large image
 * subsampled toward the model's size ({@link SourceSubsampling}), never at full size, and holds
 * its estimated heap ({@link DecodeCost}) from a {@link DecodeBudget} shared by the process from
 * before the read until the caller's conversion returns, so many large images at once wait for
 * each other instead of exhausting the heap.
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
    private final DecodeBudget budget;
    private final Duration wait;

    /**
     * Creates a decoder with no bound on decodes in flight (tools, training).
     *
     * @param limits the size limits to enforce
     */
    public ImageDecoder(ImageLimits limits) {
        this(limits, DecodeBudget.unlimited(), Duration.ZERO);
    }

    /**
     * Creates a decoder that holds each decode to a share of {@code budget}.
     *
     * @param limits the size limits to enforce
     * @param budget the process-wide bound on decode heap in flight
     * @param wait how long a decode waits for its share before {@link DecodeBudget.BusyException}
     */
    public ImageDecoder(ImageLimits limits, DecodeBudget budget, Duration wait) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /** @return the limits this decoder enforces */
    public ImageLimits limits() {
        return limits;
    }

    /**
     * Validates and decodes an encoded image at full size (previews, re-encoding; not for a model,
     * which {@link #decode(byte[], Preprocessing, Function)} serves). Its budget share is released
     * when this returns.
     *
     * @param bytes the encoded image
     * @return the decoded image (for GIF and TIFF, the first image)
     * @throws ImageDecodeException when the image is empty, over a limit, of an unsupported
     *     format or corrupt
     */
    public BufferedImage decode(byte[] bytes) {
        return decode(bytes, null, DecodedImage::image);
    }

    /**
     * Validates and decodes an encoded image for a model's input, subsampled when it is many times
     * larger ({@link SourceSubsampling}), and converts it while its budget share is held. Training
     * and serving both decode through here (via {@link Preprocessing#toTensor(byte[], ImageDecoder)}).
     *
     * @param <T> what the image is converted to
     * @param bytes the encoded image
     * @param target the preprocessing whose size the image is decoded toward; null for full size
     * @param convert turns the decoded image into something much smaller (a tensor)
     * @return what {@code convert} returned
     * @throws ImageDecodeException as {@link #decode(byte[])}, or when the image's decode alone
     *     needs more than the whole budget
     * @throws DecodeBudget.BusyException when the budget stayed exhausted for the whole wait
     */
    public <T> T decode(byte[] bytes, Preprocessing target, Function<DecodedImage, T> convert) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(ImageDecodeException.Reason.EMPTY, "encoded image is empty (0 bytes)");
        }
        if (bytes.length > limits.maxEncodedBytes()) {
            throw ImageDecodeException.tooLarge(bytes.length, limits.maxEncodedBytes());
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> ImageDecodeException.unsupported(bytes));
        NetpbmMaxval maxval = format == ImageFormat.PNM ? NetpbmMaxval.find(bytes) : null;
        if (maxval == null) {
            return decodeWithImageIo(bytes, format, target, convert);
        }
        return decodeWithImageIo(maxval.withFullRangeMaxval(bytes), format, target, d -> convert.apply(
                new DecodedImage(maxval.rescale(d.image()), d.sourceWidth(), d.sourceHeight())));
    }

    private <T> T decodeWithImageIo(byte[] bytes, ImageFormat format, Preprocessing target,
            Function<DecodedImage, T> convert) {
        // Pick the reader for the sniffed format rather than letting ImageIO guess, so a file is
        // never decoded as something other than what it was checked as.
        boolean plugin = format == ImageFormat.PNM || format == ImageFormat.TIFF;
        ImageReader reader = ImageIoPlugins.open(bytes, format, plugin);
        DecodeBudget.Reservation reservation = null;
        try {
            DecodedImage decoded;
            try {
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkPixels(width, height);
                if (format == ImageFormat.JPEG && reader.getRawImageType(0) == null) {
                    // 4-channel (CMYK, YCCK) JPEGs, which the JDK reader gives no raw type: it decodes
                    // YCCK several gray levels away from PIL, whereas the plugin converts both to RGB
                    // as PIL does when no ICC profile is embedded (CmykJpegDecodingTest).
                    ImageReader jdkReader = reader;
                    reader = ImageIoPlugins.open(bytes, format, true);
                    jdkReader.dispose();
                }
                long bytesPerPixel = DecodeCost.rasterBytesPerPixel(reader);
                if (format == ImageFormat.TIFF) {
                    checkRasterBytes(width, height, bytesPerPixel);
                }
                SourceSubsampling step = target == null ? SourceSubsampling.NONE
                        : SourceSubsampling.toward(width, height, target.width(), target.height());
                long pixels = (long) step.decodedWidth(width) * step.decodedHeight(height);
                reservation = budget.reserve(DecodeCost.bytes(bytes.length, width, pixels, bytesPerPixel),
                        width + "x" + height + " " + format, wait);
                BufferedImage image = reader.read(0, step.applyTo(reader.getDefaultReadParam()));
                if (image == null) {
                    throw ImageDecodeException.corrupt("corrupt " + format + " image: the decoder returned no image");
                }
                decoded = new DecodedImage(image, width, height);
            } catch (ImageDecodeException | DecodeBudget.BusyException e) {
                throw e;
            } catch (IOException | RuntimeException | AssertionError e) {
                // Truncation and malformed chunks surface as IIOException, EOFException or, from some
                // plugins, IndexOutOfBounds/IllegalArgument: all mean the bytes are bad. The plugins
                // also mark "cannot happen" decoder states with AssertionError; should bytes reach one,
                // it must not escape as an Error, which stops a Kafka Streams instance.
                throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                        "corrupt " + format + " image: " + ImageDecodeException.describe(e), e);
            } finally {
                reader.dispose();
            }
            return convert.apply(decoded);
        } finally {
            if (reservation != null) {
                reservation.close(); // on every path, Errors included
            }
        }
    }

    private void checkRasterBytes(long width, long height, long bytesPerPixel) {
        long rasterBytes = width * height * Math.max(1, bytesPerPixel);
        long limit = limits.maxPixels() * MAX_RASTER_BYTES_PER_PIXEL;
        if (bytesPerPixel > 0 && rasterBytes > limit) {
            throw new ImageDecodeException(ImageDecodeException.Reason.TOO_MANY_PIXELS, "image is "
                    + width + "x" + height + " at " + bytesPerPixel + " bytes per pixel = " + rasterBytes
                    + " bytes decoded, over the limit of " + limit + " bytes (" + MAX_RASTER_BYTES_PER_PIXEL
                    + " per allowed pixel)");
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
}
