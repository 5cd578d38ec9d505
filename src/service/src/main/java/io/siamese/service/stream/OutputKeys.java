package io.siamese.service.stream;

import io.siamese.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes result keys (the pair id) as plain UTF-8 or as an Avro string in the Confluent wire
 * format. Confluent's Avro producers frame keys too; {@code mirror} answers each record in the
 * format its key arrived in, so such clients read results with no code of ours.
 */
public final class OutputKeys {

    /** Key formats. */
    public enum Format { MIRROR, STRING, AVRO }

    private final Format format;
    private final Serializer<Object> avroKeys;

    /**
     * @param format configured format
     * @param avroKeys serializer of Avro primitives configured for keys (subject {@code topic-key})
     */
    public OutputKeys(Format format, Serializer<Object> avroKeys) {
        this.format = format;
        this.avroKeys = avroKeys;
    }

    /** Parses {@code mirror}, {@code string} or {@code avro}. */
    public static Format parse(String name) {
        try {
            return Format.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("siamese.output.key-format must be mirror, string or avro, got " + name);
        }
    }

    /** Whether a key is framed in the Confluent wire format. */
    public static boolean isAvroFramed(byte[] key) {
        return key != null && key.length >= WireFormat.HEADER_LENGTH && key[0] == WireFormat.MAGIC_BYTE;
    }

    /** The result key for {@code pairId} on {@code topic}, given the input record's key. */
    public byte[] keyFor(String topic, String pairId, byte[] inputKey) {
        boolean avro = switch (format) {
            case AVRO -> true;
            case STRING -> false;
            case MIRROR -> isAvroFramed(inputKey);
        };
        return avro ? avroKeys.serialize(topic, pairId) : pairId.getBytes(StandardCharsets.UTF_8);
    }
}
