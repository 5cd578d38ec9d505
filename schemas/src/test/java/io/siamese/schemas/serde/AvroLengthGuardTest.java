package io.siamese.schemas.serde;

import static io.siamese.schemas.serde.AvroBytes.of;
import static io.siamese.schemas.serde.AvroBytes.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.registry.SchemaRegistryClient;
import io.siamese.schemas.serde.LengthPrefixes.Prefix;
import io.siamese.testing.InMemorySchemaRegistryClient;
import io.siamese.testing.SampleRecords;

/**
 * Hostile length prefixes in every position of every contract are rejected before Avro allocates anything.
 * Rejections go through a deserializer whose Avro reader fails the test if it is ever reached.
 */
class AvroLengthGuardTest {

    /** The attacker's string length: about 1.9 GB, under Avro's own 2^31 - 8 limit. */
    private static final long HUGE = 1_932_735_282L;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldRejectThe13ByteAttackBeforeAvroIsCalled() {
        int id = registry.register("image-pairs-value", ImagePair.getClassSchema());
        byte[] attack = WireFormat.encode(id, of(HUGE, "abc".getBytes()));

        String message = rejection(attack);

        assertEquals(13, attack.length);
        // The guard alone, as the deserializer runs it: without it, Avro would allocate 1.9 GB here.
        assertThrows(SerializationException.class, () -> new AvroLengthGuard(ImagePair.getClassSchema())
                .check(attack, WireFormat.HEADER_LENGTH, attack.length));
        assertTrue(message.contains("field pairId: string length 1932735282 at byte 5 exceeds the 3 bytes left"),
                message);
        assertTrue(message.startsWith("corrupt Avro payload on topic t (schema id " + id + ", 13 bytes)"), message);
        SerializationException real = assertThrows(SerializationException.class,
                () -> new ConfluentAvroDeserializer<>(ImagePair.class, registry).deserialize("image-pairs", attack));
        assertTrue(real.getMessage().contains("string length 1932735282"), real.getMessage());
    }

    /** Each length prefix of each contract's sample. */
    static Stream<Arguments> everyLengthPrefix() {
        // The sample checkpoint has no parent: one with a parent has one string position more.
        ModelCheckpoint withParent = ModelCheckpoint.newBuilder(SampleRecords.modelCheckpoint("v2"))
                .setParentVersion("v1").build();
        return Stream.concat(ConfluentAvroSerdeTest.everyContract(), Stream.of(withParent)).flatMap(record ->
                LengthPrefixes.of(record.getSchema(), AvroBytes.encode(record)).stream()
                        .map(prefix -> Arguments.of(record.getSchema().getName(), prefix, record)));
    }

    /** {@link #everyLengthPrefix()} with hostile values; {@code -1}: one more than the bytes left. */
    static Stream<Arguments> hostileLengthAtEveryPrefix() {
        return everyLengthPrefix().flatMap(prefix -> LongStream.of(HUGE, Integer.MAX_VALUE, Long.MAX_VALUE, -1)
                .mapToObj(value -> Arguments.of(prefix.get()[0], prefix.get()[1], value, prefix.get()[2])));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("hostileLengthAtEveryPrefix")
    void shouldRejectALengthLargerThanTheBytesLeftAtEveryPrefix(String contract, Prefix prefix, long value,
            SpecificRecord record) {
        byte[] payload = AvroBytes.encode(record);
        long declared = value >= 0 ? value : payload.length - prefix.offset() - prefix.size() + 1;
        int id = registry.register("t-value", record.getSchema());

        String message = rejection(WireFormat.encode(id, LengthPrefixes.patch(payload, prefix, declared)));

        String expected = prefix.isCount() ? " block of " + declared + " items" : " length " + declared;
        assertTrue(message.contains(expected + " at byte " + (WireFormat.HEADER_LENGTH + prefix.offset())
                + " exceeds the "), message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLengthPrefix")
    void shouldRejectANegativeLengthAtEveryPrefix(String contract, Prefix prefix, SpecificRecord record) {
        byte[] payload = LengthPrefixes.patch(AvroBytes.encode(record), prefix, -HUGE);
        int id = registry.register("t-value", record.getSchema());

        String message = rejection(WireFormat.encode(id, payload));

        // A negative count is the spec's sized block: the next varint is then its size, checked as well.
        assertTrue(message.contains(prefix.isCount() ? "block" : "length -" + HUGE + " at byte"), message);
    }

    @Test
    void shouldRejectAMapDeclaringMoreEntriesThanTheBytesHold() {
        // pairId "p", two empty images, then a million metadata entries of which ten are there.
        byte[] payload = of(1L, 'p', 0, 0, 0, 0, 1_000_000L, repeat(10, 0, 0), 0L, 0L, 0L, 0);

        int id = registry.register("t-value", ImagePair.getClassSchema());

        String message = rejection(WireFormat.encode(id, payload));

        assertTrue(message.contains("field metadata: map block of 1000000 items at byte 11 exceeds the 24 bytes left"),
                message);
    }

    @Test
    void shouldBoundMapsWhoseManyTinyEntriesAreAllThere() {
        int half = (int) (AvroLengthGuard.MAX_COLLECTION_ITEMS / 2);
        byte[] atBound = of(1L, 'p', 0, 0, 0, 0, (long) half, repeat(half, 0, 0), (long) half, repeat(half, 0, 0),
                0L, 0L, 0L, 0);
        byte[] beyond = of(1L, 'p', 0, 0, 0, 0, (long) half, repeat(half, 0, 0), half + 1L,
                repeat(half + 1, 0, 0), 0L, 0L, 0L, 0);
        AvroLengthGuard guard = new AvroLengthGuard(ImagePair.getClassSchema());

        guard.check(atBound, 0, atBound.length);
        SerializationException e = assertThrows(SerializationException.class,
                () -> guard.check(beyond, 0, beyond.length));

        assertEquals("field metadata: map of more than 1048576 items at byte " + (2 * half + 9), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.siamese.schemas.serde.ConfluentAvroSerdeTest#everyContract")
    void shouldPassEveryValidContract(SpecificRecord record) {
        byte[] payload = AvroBytes.encode(record);

        new AvroLengthGuard(record.getSchema()).check(payload, 0, payload.length);
    }

    private String rejection(byte[] framed) {
        return TripwireDeserializer.rejection(registry, framed);
    }

    /**
     * The production deserializer with an Avro reader that fails the test when reached: a record it rejects was
     * rejected before Avro could allocate what the record declares.
     */
    static final class TripwireDeserializer extends AbstractAvroDeserializer<Object> {

        TripwireDeserializer(SchemaRegistryClient registry) {
            super(registry);
        }

        /** @return the message of the SerializationException that {@code framed} raises before Avro reads it */
        static String rejection(SchemaRegistryClient registry, byte[] framed) {
            TripwireDeserializer deserializer = new TripwireDeserializer(registry);
            return assertThrows(SerializationException.class, () -> deserializer.deserialize("t", framed)).getMessage();
        }

        @Override
        DatumReader<Object> newReader(Schema writer, int id) {
            return new DatumReader<>() {
                @Override
                public void setSchema(Schema schema) {
                }

                @Override
                public Object read(Object reuse, Decoder in) {
                    // An Error: the deserializer turns exceptions into SerializationException, not errors.
                    throw new AssertionError("Avro was handed a payload the guard should have rejected");
                }
            };
        }
    }
}
