package io.siamese.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Builds Avro binary payloads by hand, so tests can write what no honest encoder would. */
final class AvroBytes {

    private AvroBytes() {
    }

    /**
     * @param parts a {@link Long} becomes its zig-zag varint (a length, count, index or long), an
     *              {@link Integer} or {@link Character} one raw byte, a {@code byte[]} itself
     * @return the parts, concatenated
     */
    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Long value) {
                writeVarint(out, value);
            } else if (part instanceof Integer raw) {
                out.write(raw);
            } else if (part instanceof Character c) {
                out.write(c);
            } else {
                out.writeBytes((byte[]) part);
            }
        }
        return out.toByteArray();
    }

    /** Writes {@code value} as Avro writes an int or long: zig-zag, then 7 bits a byte, low bits first. */
    static void writeVarint(ByteArrayOutputStream out, long value) {
        for (long v = (value << 1) ^ (value >> 63); ; v >>>= 7) {
            if ((v & ~0x7fL) == 0) {
                out.write((int) v);
                return;
            }
            out.write((int) (v & 0x7f) | 0x80);
        }
    }

    /** @return {@code count} copies of {@code bytes}, back to back */
    static byte[] repeat(int count, int... bytes) {
        byte[] out = new byte[count * bytes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) bytes[i % bytes.length];
        }
        return out;
    }

    /** @return the Avro binary encoding of {@code record} (no Confluent header) */
    static byte[] encode(Object record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            if (record instanceof SpecificRecord specific) {
                new SpecificDatumWriter<>(specific.getSchema()).write(specific, encoder);
            } else {
                new GenericDatumWriter<GenericRecord>(((GenericRecord) record).getSchema())
                        .write((GenericRecord) record, encoder);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
