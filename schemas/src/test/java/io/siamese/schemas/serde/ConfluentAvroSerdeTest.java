package io.siamese.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.testing.InMemorySchemaRegistryClient;
import io.siamese.testing.SampleRecords;

/** Serializer and deserializer behaviour against the in-memory registry (no network). */
class ConfluentAvroSerdeTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    static Stream<SpecificRecord> everyContract() {
        return Stream.of(SampleRecords.imagePair("p-1"), SampleRecords.pairDissimilarity("p-1"),
                SampleRecords.labelledPair("p-1"), SampleRecords.modelCheckpoint("v1"), SampleRecords.deadLetter());
    }

    @ParameterizedTest
    @MethodSource("everyContract")
    void shouldRoundTripEveryContract(SpecificRecord record) {
        byte[] bytes = new ConfluentAvroSerializer<>(registry, true).serialize("t", record);
        SpecificRecord back = new ConfluentAvroDeserializer<>(record.getClass(), registry).deserialize("t", bytes);

        assertEquals(record, back);
        assertEquals(registry.latest("t-value").id(), WireFormat.schemaId(bytes));
    }

    @ParameterizedTest
    @MethodSource("everyContract")
    void shouldFindTheReaderClassFromTheWriterSchemaWhenNoneIsGiven(SpecificRecord record) {
        byte[] bytes = new ConfluentAvroSerializer<>(registry, true).serialize("t-" + record.getSchema().getName(),
                record);
        SpecificRecord back = new ConfluentAvroDeserializer<>(registry)
                .deserialize("t-" + record.getSchema().getName(), bytes);

        assertEquals(record, back);
    }

    @Test
    void shouldRegisterUnderTheKeySubjectWhenConfiguredForKeys() {
        var serializer = new GenericAvroSerializer(registry, true);
        serializer.configure(Map.of(), true);

        byte[] key = serializer.serialize("image-pairs", "pair-9");

        assertEquals("\"string\"", registry.latest("image-pairs-key").schema().toString());
        assertEquals("pair-9", new GenericAvroDeserializer(registry).deserialize("image-pairs", key));
    }

    @Test
    void shouldPassTombstonesThroughAsNull() {
        assertNull(new ConfluentAvroSerializer<ImagePair>(registry, true).serialize("t", null));
        assertNull(new ConfluentAvroDeserializer<>(ImagePair.class, registry).deserialize("t", null));
    }

    @Test
    void shouldFailClearlyWhenAutoRegisterIsOffAndTheSchemaIsMissing() {
        var serializer = new ConfluentAvroSerializer<ImagePair>(registry, true);
        serializer.configure(Map.of("auto.register.schemas", "false"), false);

        SerializationException e = assertThrows(SerializationException.class,
                () -> serializer.serialize("image-pairs", SampleRecords.imagePair("p")));

        assertTrue(e.getMessage().contains("not registered under subject image-pairs-value"), e.getMessage());
        assertTrue(e.getMessage().contains("auto.register.schemas=false"), e.getMessage());
    }

    @Test
    void shouldUseTheRegisteredIdWhenAutoRegisterIsOff() {
        int id = registry.register("image-pairs-value", ImagePair.getClassSchema());

        byte[] bytes = new ConfluentAvroSerializer<ImagePair>(registry, false)
                .serialize("image-pairs", SampleRecords.imagePair("p"));

        assertEquals(id, WireFormat.schemaId(bytes));
    }

    @Test
    void shouldRejectAWrongMagicByte() {
        byte[] bytes = serializedPair();
        bytes[0] = 7;

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer().deserialize("t", bytes));

        assertTrue(e.getMessage().contains("magic byte 0x07"), e.getMessage());
    }

    @Test
    void shouldRejectARecordShorterThanTheHeader() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer().deserialize("t", new byte[] {0, 0}));

        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void shouldReportAnUnknownSchemaIdDistinctly() {
        UnknownSchemaIdException e = assertThrows(UnknownSchemaIdException.class,
                () -> deserializer().deserialize("t", WireFormat.encode(4711, new byte[] {2, 'x'})));

        assertEquals(4711, e.schemaId());
        assertTrue(e.getMessage().contains("schema id 4711"), e.getMessage());
    }

    @Test
    void shouldSayTheRegistryIsUnavailableRatherThanTheRecordBadWhenItDoesNotAnswer() {
        byte[] value = serializer().serialize("t", SampleRecords.imagePair("p-1"));
        registry.setDown(true);

        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
                () -> deserializer().deserialize("t", value));

        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void shouldResolveAnOutputSchemaIdOnceSoSerializingLaterNeedsNoRegistry() {
        ConfluentAvroSerializer<SpecificRecord> serializer = serializer();
        int id = serializer.resolveSchemaId("t", ImagePair.getClassSchema());
        registry.setDown(true);

        byte[] value = serializer.serialize("t", SampleRecords.imagePair("p-1"));

        assertEquals(id, WireFormat.schemaId(value));
        registry.setDown(false);
        RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> {
            registry.setDown(true);
            serializer.resolveSchemaId("u", ImagePair.getClassSchema());
        });
        assertTrue(e.getMessage().contains("subject u-value"), e.getMessage());
    }

    @Test
    void shouldRejectATruncatedPayloadAsCorrupt() {
        byte[] bytes = serializedPair();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer().deserialize("t", truncated));

        assertTrue(e.getMessage().contains("corrupt Avro payload"), e.getMessage());
    }

    @Test
    void shouldRejectTrailingGarbageAsCorrupt() {
        byte[] bytes = serializedPair();
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer().deserialize("t", longer));

        assertTrue(e.getMessage().contains("left over"), e.getMessage());
    }

    @Test
    void shouldRejectRandomBytesAsCorruptWithoutRunningOutOfMemory() {
        int id = registry.register("t-value", ImagePair.getClassSchema());
        // A huge varint length followed by nothing: must fail fast, not allocate gigabytes.
        byte[] payload = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2, 3};

        assertThrows(SerializationException.class, () -> deserializer().deserialize("t", WireFormat.encode(id, payload)));
    }

    @Test
    void shouldRefuseToReadARecordAsAnotherContract() {
        byte[] bytes = new ConfluentAvroSerializer<>(registry, true).serialize("t", SampleRecords.pairDissimilarity("p"));

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer().deserialize("t", bytes));

        assertTrue(e.getMessage().contains("cannot be read as io.siamese.schemas.ImagePair"), e.getMessage());
    }

    @Test
    void shouldCacheOneReaderPerSchemaIdAndKeepDecoding() {
        byte[] bytes = serializedPair();
        var deserializer = deserializer();

        for (int i = 0; i < 3; i++) {
            assertArrayEquals(SampleRecords.imagePair("p").getLeft().getData().array(),
                    deserializer.deserialize("t", bytes).getLeft().getData().array());
        }
    }

    @Test
    void shouldServeSerializerAndDeserializerFromOneSerde() {
        var serde = new ConfluentAvroSerde<>(PairDissimilarity.class, registry, true);
        PairDissimilarity result = SampleRecords.pairDissimilarity("p-3");

        assertEquals(result, serde.deserializer().deserialize("r", serde.serializer().serialize("r", result)));
    }

    private byte[] serializedPair() {
        return new ConfluentAvroSerializer<ImagePair>(registry, true).serialize("t", SampleRecords.imagePair("p"));
    }

    private ConfluentAvroSerializer<SpecificRecord> serializer() {
        return new ConfluentAvroSerializer<>(registry, true);
    }

    private ConfluentAvroDeserializer<ImagePair> deserializer() {
        return new ConfluentAvroDeserializer<>(ImagePair.class, registry);
    }
}
