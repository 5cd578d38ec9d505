package io.siamese.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte {@code 0}, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the record. Every Confluent-compatible client reads and writes this framing.
 */
public final class WireFormat {

    /** First byte of every framed record. */
    public static final byte MAGIC_BYTE = 0;

    /** Bytes before the Avro payload: the magic byte and the schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Writes the 5-byte header for {@code schemaId} to {@code out}. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /** @return {@code payload} framed with the header for {@code schemaId} */
    public static byte[] encode(int schemaId, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_LENGTH + payload.length);
        writeHeader(out, schemaId);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /**
     * Validates the header of {@code data} and returns its schema id.
     *
     * @throws SerializationException when {@code data} is null, shorter than the header, or does not start
     *                                with the magic byte (i.e. was not written by a Confluent-format serializer)
     */
    public static int schemaId(byte[] data) {
        if (data == null) {
            throw new SerializationException("no data: a Confluent-framed Avro record cannot be null");
        }
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("record too short for the Confluent wire format: " + data.length
                    + " bytes, at least " + HEADER_LENGTH + " (magic byte and schema id) expected");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("unknown magic byte 0x%02x (expected 0x00): the record"
                    + " was not written in the Confluent Avro wire format", data[0] & 0xff));
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }

    /** @return a copy of the Avro payload of a framed record, after validating its header */
    public static byte[] payload(byte[] data) {
        schemaId(data);
        return Arrays.copyOfRange(data, HEADER_LENGTH, data.length);
    }
}
