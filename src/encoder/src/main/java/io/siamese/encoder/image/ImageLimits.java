package io.siamese.encoder.image;

/**
 * Size limits applied to untrusted encoded images before and during decoding.
 *
 * @param maxEncodedBytes the largest accepted encoded size, in bytes (config key {@code image.max-bytes})
 * @param maxPixels the largest accepted width &times; height; guards against decompression bombs,
 *     small files whose headers declare enormous images
 */
public record ImageLimits(long maxEncodedBytes, long maxPixels) {

    /** 8 MiB encoded and 16,777,216 pixels (4096 &times; 4096). */
    public static final ImageLimits DEFAULT = new ImageLimits(8L * 1024 * 1024, 16_777_216L);

    /**
     * Validates the limits.
     *
     * @param maxEncodedBytes the largest accepted encoded size, in bytes
     * @param maxPixels the largest accepted width &times; height
     * @throws IllegalArgumentException when a limit is not positive
     */
    public ImageLimits {
        if (maxEncodedBytes <= 0) {
            throw new IllegalArgumentException("maxEncodedBytes must be positive, got " + maxEncodedBytes);
        }
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
    }
}
