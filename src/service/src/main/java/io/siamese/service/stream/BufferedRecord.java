package io.siamese.service.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A received record as kept until its batch is scored: the raw key and value plus where it came from.
 * The changelogged buffer store holds its {@link #toReferenceBytes() reference}, everything but the value:
 * after a crash the store is restored from its changelog, the values are read again from the input topic
 * at their offsets ({@link InputRecords}) and the pairs scored, so a buffered pair is never lost and the
 * changelog does not carry every image a second time. Entries written with the value ({@link #toBytes()},
 * as services before references did) still restore as they are.
 *
 * @param arrivalMillis wall-clock time the service received it
 * @param timestamp the record's Kafka timestamp
 * @param topic source topic
 * @param partition source partition
 * @param offset source offset
 * @param key raw key bytes, or null
 * @param value raw value bytes; null for a reference read back from the store whose value is not fetched
 */
public record BufferedRecord(
        long arrivalMillis, long timestamp, String topic, int partition, long offset, byte[] key, byte[] value) {

    private static final int FORMAT = 1;
    private static final int FORMAT_REFERENCE = 2;

    /** Serializes with the value (the buffer store's format before references; tests). */
    public byte[] toBytes() {
        return write(FORMAT);
    }

    /** Serializes everything but the value, which stays in the input topic at {@link #offset()}. */
    public byte[] toReferenceBytes() {
        return write(FORMAT_REFERENCE);
    }

    /** This record with its value, fetched from the input topic. */
    public BufferedRecord withValue(byte[] fetched) {
        return new BufferedRecord(arrivalMillis, timestamp, topic, partition, offset, key, fetched);
    }

    private byte[] write(int format) {
        boolean withValue = format == FORMAT;
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + (withValue && value != null ? value.length : 0));
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeByte(format);
            out.writeLong(arrivalMillis);
            out.writeLong(timestamp);
            out.writeUTF(topic);
            out.writeInt(partition);
            out.writeLong(offset);
            writeBytes(out, key);
            if (withValue) {
                writeBytes(out, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    /** Reads what {@link #toBytes()} or {@link #toReferenceBytes()} wrote (a reference has a null value). */
    public static BufferedRecord fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readByte();
            if (format != FORMAT && format != FORMAT_REFERENCE) {
                throw new IllegalStateException("buffer entry format " + format + " is not supported");
            }
            return new BufferedRecord(in.readLong(), in.readLong(), in.readUTF(), in.readInt(), in.readLong(),
                    readBytes(in), format == FORMAT ? readBytes(in) : null);
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
