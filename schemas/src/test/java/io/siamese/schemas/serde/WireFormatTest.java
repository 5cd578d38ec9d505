package io.siamese.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void shouldFrameWithMagicByteAndBigEndianSchemaId() {
        byte[] framed = WireFormat.encode(0x01020304, new byte[] {9, 8});

        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 9, 8}, framed);
    }

    @Test
    void shouldReadBackTheSchemaIdAndPayload() {
        byte[] framed = WireFormat.encode(123_456_789, new byte[] {42});

        assertEquals(123_456_789, WireFormat.schemaId(framed));
        assertArrayEquals(new byte[] {42}, WireFormat.payload(framed));
    }

    @Test
    void shouldReadIdsAboveTheSignedByteRange() {
        assertEquals(0xff, WireFormat.schemaId(new byte[] {0, 0, 0, 0, (byte) 0xff}));
        assertEquals(Integer.MAX_VALUE, WireFormat.schemaId(WireFormat.encode(Integer.MAX_VALUE, new byte[0])));
    }

    @Test
    void shouldAcceptAnEmptyPayload() {
        assertEquals(7, WireFormat.schemaId(WireFormat.encode(7, new byte[0])));
    }

    @Test
    void shouldRejectAWrongMagicByte() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 2}));

        assertTrue(e.getMessage().contains("unknown magic byte 0x01"), e.getMessage());
    }

    @Test
    void shouldRejectDataShorterThanTheHeader() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> WireFormat.schemaId(new byte[] {0, 0, 1}));

        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
    }

    @Test
    void shouldRejectNull() {
        assertThrows(SerializationException.class, () -> WireFormat.schemaId(null));
    }

    @Test
    void shouldNameTopicSubjectsTheConfluentWay() {
        assertEquals("image-pairs-value", TopicNameStrategy.subject("image-pairs", false));
        assertEquals("image-pairs-key", TopicNameStrategy.subject("image-pairs", true));
    }
}
