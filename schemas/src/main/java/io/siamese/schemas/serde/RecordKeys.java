package io.siamese.schemas.serde;

import io.siamese.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;

/**
 * Reads record keys written either as plain UTF-8 strings (our producers, {@code StringSerializer}) or as
 * Confluent-framed Avro strings (Confluent's legacy Python {@code AvroProducer} always Avro-encodes keys).
 */
public final class RecordKeys {

    private RecordKeys() {
    }

    /**
     * Decodes a key.
     *
     * <p>Bytes that start with the magic byte 0 and hold at least the 5-byte header are read as an Avro string
     * after the header, but only if that string spans exactly the rest of the bytes; anything else is taken as
     * UTF-8, because a plain string key never starts with a NUL character in practice.
     *
     * @param key the raw key, may be null
     * @return the key text, or null for a null key
     */
    public static String decode(byte[] key) {
        if (key == null) {
            return null;
        }
        if (key.length >= WireFormat.HEADER_LENGTH && key[0] == WireFormat.MAGIC_BYTE) {
            String avro = avroString(key);
            if (avro != null) {
                return avro;
            }
        }
        return new String(key, StandardCharsets.UTF_8);
    }

    /**
     * An Avro string is a zig-zag varint byte length followed by UTF-8. The length is parsed by hand rather
     * than with Avro's decoder, which would allocate whatever length a malformed key claims.
     */
    private static String avroString(byte[] key) {
        int position = WireFormat.HEADER_LENGTH;
        long raw = 0;
        for (int shift = 0; ; shift += 7) {
            if (position >= key.length || shift > 63) {
                return null;
            }
            int b = key[position++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        long length = (raw >>> 1) ^ -(raw & 1);
        if (length != key.length - position) {
            return null;
        }
        return new String(key, position, (int) length, StandardCharsets.UTF_8);
    }
}
