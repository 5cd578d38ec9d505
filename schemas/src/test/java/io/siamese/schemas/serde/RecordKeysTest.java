package io.siamese.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.siamese.schemas.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

    /** A key as Confluent's Avro serializer writes a string: header with schema id, then the Avro string. */
    private static byte[] confluentAvroKey(String text, int schemaId) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(payload, null);
        encoder.writeString(text);
        encoder.flush();
        return WireFormat.encode(schemaId, payload.toByteArray());
    }

    @Test
    void readsAPlainStringKeyAsUtf8() {
        assertEquals("p-lx3k9a-17", RecordKeys.decode("p-lx3k9a-17".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ünïcode-é", RecordKeys.decode("ünïcode-é".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAConfluentAvroStringKeyAfterItsFiveByteHeader() throws IOException {
        assertEquals("p-lx3k9a-17", RecordKeys.decode(confluentAvroKey("p-lx3k9a-17", 7)));
        assertEquals("ünïcode-é", RecordKeys.decode(confluentAvroKey("ünïcode-é", 70000)));
        assertEquals("", RecordKeys.decode(confluentAvroKey("", 1)));
    }

    @Test
    void returnsNullForANullKey() {
        assertNull(RecordKeys.decode(null));
    }

    @Test
    void fallsBackToUtf8WhenBytesAfterAZeroByteAreNotExactlyOneAvroString() throws IOException {
        byte[] framed = confluentAvroKey("pair", 1);
        byte[] trailing = java.util.Arrays.copyOf(framed, framed.length + 1);
        byte[] truncated = java.util.Arrays.copyOf(framed, framed.length - 1);
        byte[] hugeLength = {0, 0, 0, 0, 1, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        byte[] shortZero = {0, 'a', 'b'};

        assertEquals(new String(trailing, StandardCharsets.UTF_8), RecordKeys.decode(trailing));
        assertEquals(new String(truncated, StandardCharsets.UTF_8), RecordKeys.decode(truncated));
        assertEquals(new String(hugeLength, StandardCharsets.UTF_8), RecordKeys.decode(hugeLength));
        assertEquals(new String(shortZero, StandardCharsets.UTF_8), RecordKeys.decode(shortZero));
    }
}
