package io.siamese.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.registry.CompatibilityResult;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Guards the contracts against breaking changes: each committed baseline (src/test/resources/baseline, the
 * schemas as first released) is registered in a real registry with BACKWARD compatibility, and today's schema in
 * src/main/avro must be accepted as its next version. When this fails, the change would stop consumers from
 * reading older records: give new fields defaults instead. Update a baseline only for a deliberate, coordinated
 * break (a new topic).
 */
class SchemaCompatibilityIT {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path BASELINE = Path.of("src/test/resources/baseline");

    private static ConfluentRegistryClient client;

    @BeforeAll
    static void connect() {
        client = new ConfluentRegistryClient(RegistryConfig.of(SharedLocalStack.get().registryUrl()));
    }

    @Test
    void shouldHaveABaselineForEveryContract() {
        assertEquals(AvscFiles.parse(CURRENT).keySet(), AvscFiles.parse(BASELINE).keySet(),
                "copy a new .avsc into " + BASELINE + " when adding a contract");
    }

    @TestFactory
    Stream<DynamicTest> shouldKeepEveryContractBackwardCompatibleWithItsBaseline() {
        Map<String, Schema> baselines = AvscFiles.parse(BASELINE);
        List<DynamicTest> tests = new ArrayList<>();
        AvscFiles.parse(CURRENT).forEach((name, current) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            String subject = "compat-" + UUID.randomUUID() + "-" + name + "-value";
            client.register(subject, baselines.get(name));

            CompatibilityResult result = client.testCompatibility(subject, current);

            assertTrue(result.compatible(), name + ".avsc is no longer BACKWARD compatible with its baseline "
                    + BASELINE.resolve(name + ".avsc") + ": " + result.messages());
        })));
        return tests.stream();
    }

    @Test
    void shouldFlagARequiredFieldAddedWithoutDefault() {
        // Proves the check can fail: the classic breaking change must be caught.
        Schema baseline = AvscFiles.parse(BASELINE).get("ImagePair");
        List<Schema.Field> fields = new ArrayList<>();
        baseline.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("priority", SchemaBuilder.builder().intType(), "no default: breaks readers"));
        Schema broken = Schema.createRecord(baseline.getName(), baseline.getDoc(), baseline.getNamespace(), false,
                fields);
        String subject = "compat-" + UUID.randomUUID() + "-broken-value";
        client.register(subject, baseline);

        assertFalse(client.testCompatibility(subject, broken).compatible());
    }
}
