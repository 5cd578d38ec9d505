package io.siamese.service.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A received record as kept in the changelogged buffer store until its batch is scored: the raw
 * key and value plus where it came from. After a crash the store is restored from its changelog
 * and the records are decoded and scored again, so a buffered pair is never lost.
 *
 * @param arrivalMillis wall-clock time the service received it
 * @param timestamp the record's Kafka timestamp
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param key raw key bytes, or null
 * @param value raw value bytes
 */
public record BufferedRecord(
        long arrivalMillis, long timestamp, String topic, int partition, long offset, byte[] key, byte[] value) {

    private static final int FORMAT = 1;

    /** Serializes for the buffer store. */
    public byte[] toBytes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + (value == null ? 0 : value.length));
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeByte(FORMAT);
            out.writeLong(arrivalMillis);
            out.writeLong(timestamp);
            out.writeUTF(topic);
            out.writeInt(partition);
            out.writeLong(offset);
            writeBytes(out, key);
            writeBytes(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** Reads what {@link #toBytes()} wrote. */
    public static BufferedRecord fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("buffer entry format " + format + " is not supported");
            }
            return new BufferedRecord(in.readLong(), in.readLong(), in.readUTF(), in.readInt(), in.readLong(),
                    readBytes(in), readBytes(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
