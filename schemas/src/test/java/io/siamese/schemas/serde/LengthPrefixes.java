package io.siamese.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Finds every length prefix (string and bytes lengths, array and map block counts) in a valid Avro payload,
 * so tests can patch each one to a hostile value. Avro's own reader does the walk, through a decoder that
 * notes where each prefix starts: the positions do not depend on the guard under test.
 */
final class LengthPrefixes {

    /** One prefix: its kind ("string", "bytes", "array", "map"), payload offset and varint size in bytes. */
    record Prefix(String kind, int offset, int size) {
        /** @return whether this is an array or map block count rather than a string or bytes length */
        boolean isCount() {
            return kind.equals("array") || kind.equals("map");
        }

        @Override
        public String toString() {
            return kind + "@" + offset;
        }
    }

    private LengthPrefixes() {
    }

    /** @return every length prefix of {@code payload}, a valid encoding of {@code schema}, in order */
    static List<Prefix> of(Schema schema, byte[] payload) {
        Recorder recorder = new Recorder(payload);
        try {
            new GenericDatumReader<>(schema).read(null, recorder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return recorder.prefixes;
    }

    /** @return {@code payload} with the prefix replaced by the zig-zag varint of {@code value} */
    static byte[] patch(byte[] payload, Prefix prefix, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 10);
        out.write(payload, 0, prefix.offset());
        AvroBytes.writeVarint(out, value);
        out.write(payload, prefix.offset() + prefix.size(), payload.length - prefix.offset() - prefix.size());
        return out.toByteArray();
    }

    /** Reads through Avro's unbuffered decoder, so the stream's position is the decoder's. */
    private static final class Recorder extends Decoder {
        private final ByteArrayInputStream in;
        private final BinaryDecoder avro;
        private final List<Prefix> prefixes = new ArrayList<>();
        private final byte[] payload;

        Recorder(byte[] payload) {
            this.payload = payload;
            this.in = new ByteArrayInputStream(payload);
            this.avro = DecoderFactory.get().directBinaryDecoder(in, null);
        }

        private <T> T note(String kind, Read<T> read) throws IOException {
            int offset = payload.length - in.available();
            int size = 1;
            while ((payload[offset + size - 1] & 0x80) != 0) {
                size++;
            }
            prefixes.add(new Prefix(kind, offset, size));
            return read.read();
        }

        @FunctionalInterface
        private interface Read<T> {
            T read() throws IOException;
        }

        @Override public void readNull() throws IOException { avro.readNull(); }
        @Override public boolean readBoolean() throws IOException { return avro.readBoolean(); }
        @Override public int readInt() throws IOException { return avro.readInt(); }
        @Override public long readLong() throws IOException { return avro.readLong(); }
        @Override public float readFloat() throws IOException { return avro.readFloat(); }
        @Override public double readDouble() throws IOException { return avro.readDouble(); }
        @Override public Utf8 readString(Utf8 old) throws IOException {
            return note("string", () -> avro.readString(old));
        }
        @Override public String readString() throws IOException { return note("string", avro::readString); }
        @Override public void skipString() throws IOException { avro.skipString(); }
        @Override public ByteBuffer readBytes(ByteBuffer old) throws IOException {
            return note("bytes", () -> avro.readBytes(old));
        }
        @Override public void skipBytes() throws IOException { avro.skipBytes(); }
        @Override public void readFixed(byte[] bytes, int start, int len) throws IOException {
            avro.readFixed(bytes, start, len);
        }
        @Override public void skipFixed(int len) throws IOException { avro.skipFixed(len); }
        @Override public int readEnum() throws IOException { return avro.readEnum(); }
        @Override public long readArrayStart() throws IOException { return note("array", avro::readArrayStart); }
        @Override public long arrayNext() throws IOException { return note("array", avro::arrayNext); }
        @Override public long skipArray() throws IOException { return avro.skipArray(); }
        @Override public long readMapStart() throws IOException { return note("map", avro::readMapStart); }
        @Override public long mapNext() throws IOException { return note("map", avro::mapNext); }
        @Override public long skipMap() throws IOException { return avro.skipMap(); }
        @Override public int readIndex() throws IOException { return avro.readIndex(); }
    }
}
