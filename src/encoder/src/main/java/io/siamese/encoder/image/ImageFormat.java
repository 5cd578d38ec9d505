package io.siamese.encoder.image;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The encoded image formats the encoder accepts, recognised by their magic bytes or media type.
 *
 * <p>Sniffing is authoritative: a request's declared media type is only a hint, because clients
 * routinely mislabel uploads, and the decoder always trusts the bytes.
 */
public enum ImageFormat {
    /** Portable Network Graphics. */
    PNG("png", "image/png"),
    /** JPEG/JFIF. */
    JPEG("jpeg", "image/jpeg", "image/jpg", "image/pjpeg"),
    /** Windows bitmap. */
    BMP("bmp", "image/bmp", "image/x-bmp", "image/x-ms-bmp"),
    /** GIF; only the first frame is used. */
    GIF("gif", "image/gif"),
    /** Netpbm bitmap, graymap and pixmap, plain (P1, P2, P3) and raw (P4, P5, P6). */
    PNM("pnm", "image/x-portable-anymap", "image/x-portable-bitmap", "image/x-portable-graymap",
            "image/x-portable-pixmap"),
    /** TIFF and BigTIFF, either byte order; only the first image is used. */
    TIFF("tiff", "image/tiff");

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Byte-order mark then version: 42 for TIFF, 43 for BigTIFF. */
    private static final byte[][] TIFF_MAGICS = {{'I', 'I', 42, 0}, {'M', 'M', 0, 42}, {'I', 'I', 43, 0}, {'M', 'M', 0, 43}};

    private final String imageIoName;
    private final String mediaType;
    private final List<String> acceptedMediaTypes;

    ImageFormat(String imageIoName, String mediaType, String... aliases) {
        this.imageIoName = imageIoName;
        this.mediaType = mediaType;
        this.acceptedMediaTypes = List.of(concat(mediaType, aliases));
    }

    /**
     * The canonical media type of this format.
     *
     * @return for example {@code "image/png"}
     */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The javax.imageio format name whose readers decode this format.
     *
     * @return a name for {@link javax.imageio.ImageIO#getImageReadersByFormatName(String)}
     */
    public String imageIoName() {
        return imageIoName;
    }

    /**
     * Identifies the format of encoded bytes from their leading magic number.
     *
     * @param bytes the encoded image, may be {@code null}
     * @return the format, or empty when the bytes match no supported format
     */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            return Optional.empty();
        }
        if (startsWith(bytes, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8
                && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (bytes[0] == 'B' && bytes[1] == 'M') {
            return Optional.of(BMP);
        }
        if (startsWith(bytes, "GIF87a".getBytes(StandardCharsets.US_ASCII)) || startsWith(bytes, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(GIF);
        }
        for (byte[] magic : TIFF_MAGICS) {
            if (startsWith(bytes, magic)) {
                return Optional.of(TIFF);
            }
        }
        return isSupportedNetpbm(bytes) ? Optional.of(PNM) : Optional.empty();
    }

    /**
     * Maps a media type (parameters and case ignored) to a format.
     *
     * @param mediaType for example {@code "image/PNG; q=0.9"}; may be {@code null}
     * @return the format, or empty when the media type is not one this encoder accepts
     */
    public static Optional<ImageFormat> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int semicolon = mediaType.indexOf(';');
        String bare = (semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType)
                .trim().toLowerCase(Locale.ROOT);
        for (ImageFormat format : values()) {
            if (format.acceptedMediaTypes.contains(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    // P7 (PAM) and PF/Pf (float PFM) are deliberately not claimed, so they fail as unsupported
    // rather than as corrupt: the plugin reads them, but leaves black-and-white PAM samples at
    // 0/1 and float samples would not follow PIL's "L" conversion.
    private static boolean isSupportedNetpbm(byte[] bytes) {
        if (bytes.length < 3 || bytes[0] != 'P') {
            return false;
        }
        char kind = (char) bytes[1];
        boolean knownKind = kind >= '1' && kind <= '6';
        return knownKind && (Character.isWhitespace(bytes[2]) || bytes[2] == '#');
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
