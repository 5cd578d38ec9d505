package io.siamese.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.localstack.FreePorts;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real Apicurio Registry through its Confluent-compatible API. */
class ConfluentRegistryClientIT {

    private static final Schema V1 = SchemaBuilder.record("Sample").namespace("test").fields()
            .requiredInt("x").endRecord();
    private static final Schema V2_COMPATIBLE = SchemaBuilder.record("Sample").namespace("test").fields()
            .requiredInt("x").name("y").type().intType().intDefault(0).endRecord();
    private static final Schema V2_INCOMPATIBLE = SchemaBuilder.record("Sample").namespace("test").fields()
            .requiredInt("x").requiredInt("y").endRecord();

    private static LocalStack stack;

    private final String subject = "client-" + UUID.randomUUID() + "-value";
    private final ConfluentRegistryClient client = new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl()));

    @BeforeAll
    static void startRegistry() {
        stack = SharedLocalStack.get();
    }

    @Test
    void shouldRegisterASchemaAndFetchItBackById() {
        int id = client.register(subject, V1);

        ConfluentRegistryClient fresh = new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl()));
        assertEquals(V1, fresh.getById(id));
        assertEquals(new RegisteredSchema(subject, 1, id, V1), fresh.latest(subject));
    }

    @Test
    void shouldGiveTheSameIdWhenRegisteringTheSameSchemaAgain() {
        ConfluentRegistryClient other = new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl()));

        assertEquals(client.register(subject, V1), other.register(subject, V1));
    }

    @Test
    void shouldServeRepeatedCallsFromItsCacheWithoutHttp() {
        int id = client.register(subject, V1);
        long afterRegister = client.requestCount();

        assertEquals(id, client.register(subject, V1));
        assertEquals(Optional.of(id), client.lookup(subject, V1));
        assertEquals(V1, client.getById(id));
        assertEquals(afterRegister, client.requestCount());

        ConfluentRegistryClient reader = new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl()));
        reader.getById(id);
        reader.getById(id);
        assertEquals(1, reader.requestCount());
    }

    @Test
    void shouldLookUpARegisteredSchemaWithoutRegisteringAnything() {
        int id = client.register(subject, V1);
        ConfluentRegistryClient fresh = new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl()));

        assertEquals(Optional.of(id), fresh.lookup(subject, V1));
        assertEquals(Optional.empty(), fresh.lookup(subject, V2_COMPATIBLE));
        assertEquals(Optional.empty(), fresh.lookup("missing-" + subject, V1));
        assertEquals(1, fresh.latest(subject).version());
    }

    @Test
    void shouldAcceptACompatibleNewVersion() {
        client.register(subject, V1);
        int id = client.register(subject, V2_COMPATIBLE);

        assertEquals(new RegisteredSchema(subject, 2, id, V2_COMPATIBLE), client.latest(subject));
    }

    @Test
    void shouldRejectIncompatibleSchemaChangeUnderBackward() {
        client.register(subject, V1);

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register(subject, V2_INCOMPATIBLE));

        assertEquals(409, e.httpStatus());
        assertTrue(e.getMessage().startsWith("schema rejected as incompatible with subject " + subject
                + " (compatibility BACKWARD)"), e.getMessage());
    }

    @Test
    void shouldAnswerCompatibilityChecksWithoutRegistering() {
        client.register(subject, V1);

        assertTrue(client.testCompatibility(subject, V2_COMPATIBLE).compatible());
        assertFalse(client.testCompatibility(subject, V2_INCOMPATIBLE).compatible());
        assertEquals(1, client.latest(subject).version());
    }

    @Test
    void shouldTreatANewSubjectAsCompatibleWithAnything() {
        assertTrue(client.testCompatibility(subject, V2_INCOMPATIBLE).compatible());
    }

    @Test
    void shouldRejectAnInvalidSchemaWith422() {
        // Avro Java can be told to skip default validation; the registry still validates.
        Schema invalid = new Schema.Parser().setValidateDefaults(false).parse(
                "{\"type\":\"record\",\"name\":\"Bad\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":\"x\"}]}");

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.register(subject, invalid));

        assertEquals(422, e.httpStatus());
        assertTrue(e.getMessage().startsWith("invalid schema for subject " + subject), e.getMessage());
    }

    @Test
    void shouldReportAnUnknownSchemaIdAsNotFound() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getById(987_654_321));

        assertTrue(e.isNotFound());
        assertEquals(40403, e.errorCode());
        assertTrue(e.getMessage().contains("schema id 987654321 is not known to the schema registry at "
                + stack.registryUrl()), e.getMessage());
    }

    @Test
    void shouldReportAMissingSubjectAsNotFound() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.latest(subject));

        assertEquals(40401, e.errorCode());
    }

    @Test
    void shouldSetCompatibilityPerSubjectWithoutTouchingTheGlobalLevel() {
        client.register(subject, V1);
        client.setCompatibility(subject, CompatibilityLevel.FULL);

        assertEquals(CompatibilityLevel.FULL, client.getCompatibility(subject));
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility());
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility("other-" + subject));
    }

    @Test
    void shouldNameTheUrlWhenTheRegistryIsDown() {
        String url = "http://127.0.0.1:" + FreePorts.next() + "/apis/ccompat/v7";
        ConfluentRegistryClient down = new ConfluentRegistryClient(RegistryConfig.of(url));

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> down.getById(1));

        assertTrue(e.isUnreachable());
        assertEquals("schema registry at " + url + " is unreachable: Connection refused", e.getMessage());
    }
}
