package io.siamese.cli.publish;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The ways a published pair can be broken, each one a failure the service must route to the dead-letter
 * topic rather than crash on. The comment of each kind names the dead-letter errorKind it should produce.
 */
public enum Corruption {

    /** Random bytes claimed to be image/png: CORRUPT_IMAGE or UNSUPPORTED_FORMAT (no known magic bytes). */
    RANDOM_BYTES,
    /** A real PNG cut in half: CORRUPT_IMAGE. */
    TRUNCATED_PNG,
    /** A tiny PNG whose header declares 50000x50000 pixels, a decompression bomb: TOO_LARGE. */
    PIXEL_BOMB,
    /** WebP bytes with media type image/webp, which the service does not decode: UNSUPPORTED_FORMAT. */
    UNSUPPORTED_FORMAT,
    /** A record value that is not Confluent-framed Avro at all (JSON text): DESERIALIZATION. */
    NOT_AVRO;

    /** Side length declared by {@link #PIXEL_BOMB}: 2.5 billion pixels, far over any sane limit. */
    static final int BOMB_SIDE = 50_000;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** A RIFF container of WebP's lossy kind; the length field is left as random bytes. */
    private static final byte[] WEBP_PREFIX = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP_FORM = "WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);

    /** @return whether this kind breaks an image inside a valid record (all but {@link #NOT_AVRO}) */
    public boolean breaksImage() {
        return this != NOT_AVRO;
    }

    /**
     * The broken image data for an image-level kind.
     *
     * @param validPng a real PNG to start from
     * @param random   source of randomness
     * @return the bytes to send
     * @throws IllegalStateException for {@link #NOT_AVRO}, which breaks the record, not an image
     */
    public byte[] imageBytes(byte[] validPng, SplittableRandom random) {
        return switch (this) {
            case RANDOM_BYTES -> randomBytes(random);
            case TRUNCATED_PNG -> Arrays.copyOf(validPng, Math.max(PNG_SIGNATURE.length + 1, validPng.length / 2));
            case PIXEL_BOMB -> pngHeaderOnly(BOMB_SIDE, BOMB_SIDE);
            case UNSUPPORTED_FORMAT -> webpBytes(random);
            case NOT_AVRO -> throw new IllegalStateException("NOT_AVRO corrupts the record, not an image");
        };
    }

    /** @return the media type to claim for the broken image */
    public String mediaType() {
        return this == UNSUPPORTED_FORMAT ? "image/webp" : "image/png";
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[64 + random.nextInt(512)];
        random.nextBytes(bytes);
        // A prefix no image format starts with, so random bytes never pass for a real header by chance.
        System.arraycopy("JUNK".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        return bytes;
    }

    private static byte[] webpBytes(SplittableRandom random) {
        byte[] bytes = new byte[256];
        random.nextBytes(bytes);
        System.arraycopy(WEBP_PREFIX, 0, bytes, 0, WEBP_PREFIX.length);
        System.arraycopy(WEBP_FORM, 0, bytes, 8, WEBP_FORM.length);
        return bytes;
    }

    /** A PNG signature, an IHDR chunk declaring {@code width x height} 8-bit gray, and IEND: no pixel data. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
