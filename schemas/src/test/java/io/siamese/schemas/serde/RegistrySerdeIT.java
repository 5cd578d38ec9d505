package io.siamese.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.localstack.FreePorts;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.ImagePair;
import io.siamese.testing.SampleRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Serdes configured the Kafka way (a config map) against a real Apicurio Registry. */
class RegistrySerdeIT {

    private static LocalStack stack;

    private final String topic = "serde-" + UUID.randomUUID();

    @BeforeAll
    static void startRegistry() {
        stack = SharedLocalStack.get();
    }

    static Stream<SpecificRecord> everyContract() {
        return ConfluentAvroSerdeTest.everyContract();
    }

    @ParameterizedTest
    @MethodSource("everyContract")
    void shouldRoundTripEveryContractThroughTheRegistry(SpecificRecord record) {
        var serializer = new ConfluentAvroSerializer<>();
        serializer.configure(configs(stack.registryUrl(), true), false);
        var deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(configs(stack.registryUrl(), true), false);

        byte[] bytes = serializer.serialize(topic, record);

        assertEquals(record, deserializer.deserialize(topic, bytes));
    }

    @Test
    void shouldFailClearlyWhenAutoRegisterIsOffAndTheSubjectIsUnregistered() {
        var serializer = new ConfluentAvroSerializer<ImagePair>();
        serializer.configure(configs(stack.registryUrl(), false), false);

        SerializationException e = assertThrows(SerializationException.class,
                () -> serializer.serialize(topic, SampleRecords.imagePair("p")));

        assertEquals("schema io.siamese.schemas.ImagePair is not registered under subject " + topic + "-value in the"
                + " schema registry at " + stack.registryUrl() + ", and auto.register.schemas=false: register it"
                + " before producing", e.getMessage());
    }

    @Test
    void shouldReportASchemaIdTheRegistryDoesNotKnow() {
        var deserializer = new ConfluentAvroDeserializer<>(ImagePair.class);
        deserializer.configure(configs(stack.registryUrl(), true), false);

        UnknownSchemaIdException e = assertThrows(UnknownSchemaIdException.class,
                () -> deserializer.deserialize(topic, WireFormat.encode(999_999_999, new byte[] {0})));

        assertTrue(e.getMessage().contains("schema id 999999999, which the schema registry at "
                + stack.registryUrl() + " does not know"), e.getMessage());
    }

    @Test
    void shouldNameTheRegistryWhenItIsDownWhileSerializing() {
        String down = "http://127.0.0.1:" + FreePorts.next() + "/apis/ccompat/v7";
        var serializer = new ConfluentAvroSerializer<ImagePair>();
        serializer.configure(configs(down, true), false);

        SerializationException e = assertThrows(SerializationException.class,
                () -> serializer.serialize(topic, SampleRecords.imagePair("p")));

        assertTrue(e.getMessage().contains("schema registry at " + down + " is unreachable: Connection refused"),
                e.getMessage());
    }

    @Test
    void shouldNameTheRegistryWhenItIsDownWhileDeserializing() {
        String down = "http://127.0.0.1:" + FreePorts.next() + "/apis/ccompat/v7";
        var deserializer = new ConfluentAvroDeserializer<>(ImagePair.class);
        deserializer.configure(configs(down, true), false);

        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize(topic, WireFormat.encode(1, new byte[] {0})));

        assertTrue(e.getMessage().contains("cannot fetch writer schema id 1"), e.getMessage());
        assertTrue(e.getMessage().contains(down + " is unreachable"), e.getMessage());
    }

    private static Map<String, Object> configs(String url, boolean autoRegister) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", url);
        configs.put("auto.register.schemas", autoRegister);
        return configs;
    }
}
