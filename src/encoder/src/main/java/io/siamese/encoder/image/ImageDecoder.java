package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes untrusted encoded images (PNG, JPEG, BMP, GIF, netpbm) into {@link BufferedImage}s,
 * enforcing {@link ImageLimits}.
 *
 * <p>Checks run cheapest first: byte size, magic bytes, then the width and height declared in
 * the header, all before a single pixel is decoded, so a 100-byte file that claims to be
 * 50000&times;50000 is refused without allocating gigabytes. Every failure is an
 * {@link ImageDecodeException} with a {@link ImageDecodeException.Reason}. Instances are
 * immutable and thread-safe.
 */
public final class ImageDecoder {

    static {
        // A shared service must not spill uploads into java.io.tmpdir; decode from memory only.
        ImageIO.setUseCache(false);
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
     * @return the decoded image (for GIF, the first frame)
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
        if (format == ImageFormat.PNM) {
            PnmReader.Header header = PnmReader.readHeader(bytes);
            checkPixels(header.width(), header.height());
            return PnmReader.read(bytes);
        }
        return decodeWithImageIo(bytes, format);
    }

    private BufferedImage decodeWithImageIo(byte[] bytes, ImageFormat format) {
        // Pick the reader for the sniffed format rather than letting ImageIO guess, so a file is
        // never decoded as something other than what it was checked as.
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                    "no " + format + " decoder is available in this Java runtime");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            checkPixels(reader.getWidth(0), reader.getHeight(0));
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            if (image == null) {
                throw ImageDecodeException.corrupt("corrupt " + format + " image: the decoder returned no image");
            }
            return image;
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Truncation and malformed chunks surface as IIOException, EOFException or, from some
            // plugins, IndexOutOfBounds/IllegalArgument: all mean the bytes are bad.
            throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT,
                    "corrupt " + format + " image: " + describe(e), e);
        } finally {
            reader.dispose();
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
                        + ") match none of PNG, JPEG, BMP, GIF or netpbm P2/P3/P5/P6");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? text + " (" + cause.getMessage() + ")" : text;
    }
}
