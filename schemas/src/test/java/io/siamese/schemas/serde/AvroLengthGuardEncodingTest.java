package io.siamese.schemas.serde;

import static io.siamese.schemas.serde.AvroBytes.of;
import static io.siamese.schemas.serde.AvroBytes.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.siamese.testing.InMemorySchemaRegistryClient;

/**
 * The guard on the parts of the encoding our contracts do not use yet (enums, fixed, sized blocks, recursion,
 * zero-byte items): each hostile shape is rejected with the field and byte position, valid ones pass.
 */
class AvroLengthGuardEncodingTest {

    private static final long HUGE = 1_932_735_282L;
    private static final Schema INTS = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"int\"}");
    private static final Schema NODE = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    static Stream<Arguments> zeroByteItems() {
        return Stream.of("\"null\"", "{\"type\":\"record\",\"name\":\"Empty\",\"fields\":[]}",
                "{\"type\":\"fixed\",\"name\":\"Nothing\",\"size\":0}").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("zeroByteItems")
    void shouldBoundArraysOfItemsThatTakeNoBytes(String item) {
        AvroLengthGuard guard = new AvroLengthGuard(new Schema.Parser()
                .parse("{\"type\":\"array\",\"items\":" + item + "}"));
        byte[] billion = of(1_000_000_000L, 0L);
        byte[] sizedBillion = of(-1_000_000_000L, 0L, 0L);
        byte[] atBound = of(AvroLengthGuard.MAX_COLLECTION_ITEMS, 0L);

        guard.check(atBound, 0, atBound.length);
        for (byte[] payload : new byte[][] {billion, sizedBillion}) {
            SerializationException e = assertThrows(SerializationException.class,
                    () -> guard.check(payload, 0, payload.length));
            assertEquals("array of more than 1048576 items at byte 0", e.getMessage());
        }
    }

    @Test
    void shouldReadSizedBlocksWhoseSizeMatchesTheirItems() {
        byte[] sized = of(-2L, 2L, 7L, 9L, 0L);
        int id = registry.register("ints-value", INTS);

        assertEquals(List.of(7, 9),
                new GenericAvroDeserializer(registry).deserialize("ints", WireFormat.encode(id, sized)));
    }

    static Stream<Arguments> corruptPayloads() {
        String probe = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":["
                + "{\"name\":\"u\",\"type\":[\"null\",\"string\"]},"
                + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}},"
                + "{\"name\":\"f\",\"type\":{\"type\":\"fixed\",\"name\":\"F\",\"size\":16}},"
                + "{\"name\":\"l\",\"type\":\"long\"},{\"name\":\"i\",\"type\":\"int\"}]}";
        byte[] fixed = new byte[16];
        return Stream.of(
                Arguments.of(probe, of(2L), "field u: union branch 2 at byte 0 is out of range: 2 known"),
                Arguments.of(probe, of(-1L), "field u: union branch -1 at byte 0 is out of range: 2 known"),
                Arguments.of(probe, of(0L, 2L), "field e: enum symbol 2 at byte 1 is out of range: 2 known"),
                Arguments.of(probe, of(0L, 1L, 1, 2, 3), "field f: fixed size 16 at byte 2 exceeds the 3 bytes left"),
                Arguments.of(probe, of(0L, 0L, fixed, repeat(10, 0x80), 0),
                        "field l: long varint at byte 18 is longer than 10 bytes"),
                Arguments.of(probe, of(0L, 0L, fixed, 0L, repeat(5, 0xff), 1),
                        "field i: int varint at byte 19 is longer than 5 bytes"),
                Arguments.of(probe, of(0L, 0L, fixed, 0L, 0L, 1, 2), "2 bytes left over after the record at byte 20"),
                Arguments.of(probe, of(0L, 0L, fixed, 0x80),
                        "field l: long at byte 18 is cut off by the end of the record"),
                Arguments.of(INTS.toString(), of(-2L, 3L, 7L, 9L, 0L),
                        "array block at byte 0 declares items up to byte 5 but they end at byte 4"),
                Arguments.of(INTS.toString(), of(-2L, HUGE, 7L, 9L, 0L),
                        "block size 1932735282 at byte 1 exceeds the 3 bytes left"),
                Arguments.of(INTS.toString(), of(Long.MIN_VALUE, 0L),
                        "array block of 9223372036854775807 items at byte 0 exceeds the 0 bytes left"),
                Arguments.of(INTS.toString(), of(3L, 1L, 2L),
                        "array block of 3 items at byte 0 exceeds the 2 bytes left (1 or more bytes an item)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("corruptPayloads")
    void shouldRejectCorruptValuesNamingFieldAndPosition(String schema, byte[] payload, String expected) {
        AvroLengthGuard guard = new AvroLengthGuard(new Schema.Parser().parse(schema));

        SerializationException e = assertThrows(SerializationException.class,
                () -> guard.check(payload, 0, payload.length));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void shouldBoundTheNestingOfRecursiveSchemas() {
        int nodes = AvroLengthGuard.MAX_DEPTH / 2; // a record and a union a node
        byte[] deepest = of(repeat(nodes - 1, 2), 0);
        byte[] tooDeep = of(repeat(nodes, 2), 0);
        byte[] million = of(repeat(1_000_000, 2), 0);
        int id = registry.register("nodes-value", NODE);

        new GenericAvroDeserializer(registry).deserialize("nodes", WireFormat.encode(id, deepest));
        assertTrue(rejection(WireFormat.encode(id, tooDeep)).contains("nesting deeper than 200 levels at byte 105"));
        assertTrue(rejection(WireFormat.encode(id, million)).contains("nesting deeper than 200 levels"));
    }

    private String rejection(byte[] framed) {
        return AvroLengthGuardTest.TripwireDeserializer.rejection(registry, framed);
    }
}
