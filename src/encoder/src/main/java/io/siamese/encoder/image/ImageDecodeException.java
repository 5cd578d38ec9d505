package io.siamese.encoder.image;

/**
 * An encoded image was rejected or could not be decoded; {@link #reason()} says why, so callers
 * can map it to a response (for example 413 for {@link Reason#TOO_LARGE}, 415 for
 * {@link Reason#UNSUPPORTED_FORMAT}, 422 otherwise).
 */
public class ImageDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an image was rejected. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** The encoded size is over {@link ImageLimits#maxEncodedBytes()}. */
        TOO_LARGE,
        /**
         * The declared width &times; height is over {@link ImageLimits#maxPixels()}, or (TIFF) the
         * decoded raster would take more than {@link ImageDecoder#MAX_RASTER_BYTES_PER_PIXEL}
         * bytes for each allowed pixel, or decoding it would take more than a whole
         * {@link DecodeBudget} however long it waited.
         */
        TOO_MANY_PIXELS,
        /** The bytes are not a format this encoder reads. */
        UNSUPPORTED_FORMAT,
        /** The bytes claim a supported format but are malformed or truncated. */
        CORRUPT
    }

    /** Why the image was rejected; serialised with the exception. */
    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason why the image was rejected
     * @param message a human-readable explanation naming the limit or defect
     */
    public ImageDecodeException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an exception with an underlying cause.
     *
     * @param reason why the image was rejected
     * @param message a human-readable explanation naming the limit or defect
     * @param cause the decoder failure, may be {@code null}
     */
    public ImageDecodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why the image was rejected.
     *
     * @return the reason, never {@code null}
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The standard message for an encoded image over the byte limit.
     *
     * @param size the encoded size in bytes
     * @param limit the configured limit in bytes
     * @return a {@link Reason#TOO_LARGE} exception
     */
    public static ImageDecodeException tooLarge(long size, long limit) {
        return new ImageDecodeException(Reason.TOO_LARGE, "encoded image is " + size
                + " bytes, over the limit of " + limit + " bytes (image.max-bytes)");
    }

    /**
     * The standard message for an image whose header declares too many pixels.
     *
     * @param width the declared width
     * @param height the declared height
     * @param limit the configured pixel limit
     * @return a {@link Reason#TOO_MANY_PIXELS} exception
     */
    public static ImageDecodeException tooManyPixels(long width, long height, long limit) {
        return new ImageDecodeException(Reason.TOO_MANY_PIXELS, "image is " + width + "x" + height
                + " = " + (width * height) + " pixels, over the limit of " + limit
                + " pixels (decompression-bomb guard)");
    }

    /**
     * A {@link Reason#CORRUPT} exception.
     *
     * @param message what is wrong with the bytes
     * @return the exception
     */
    public static ImageDecodeException corrupt(String message) {
        return new ImageDecodeException(Reason.CORRUPT, message);
    }

    /** The standard message for bytes that match no supported format, quoting their first bytes. */
    static ImageDecodeException unsupported(byte[] bytes) {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            head.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
        }
        return new ImageDecodeException(Reason.UNSUPPORTED_FORMAT, "unsupported image format: the first bytes ("
                + head + ") match none of PNG, JPEG, BMP, GIF, TIFF or netpbm P1-P6");
    }

    /** A decoder failure's message, with its cause's, for a {@link Reason#CORRUPT} message. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? text + " (" + cause.getMessage() + ")" : text;
    }
}
