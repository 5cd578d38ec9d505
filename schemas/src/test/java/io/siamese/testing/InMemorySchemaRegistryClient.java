package io.siamese.testing;

import io.siamese.localstack.LocalStack;
import io.siamese.schemas.registry.CompatibilityLevel;
import io.siamese.schemas.registry.CompatibilityResult;
import io.siamese.schemas.registry.RegisteredSchema;
import io.siamese.schemas.registry.SchemaRegistryClient;
import io.siamese.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A registry in memory for fast unit tests, behaving like the real one where tests can tell: one global id
 * per distinct schema, versions per subject, compatibility checked with Avro's own rules (BACKWARD by
 * default), and the same HTTP statuses and error codes in its exceptions (404/40401, 404/40403, 409).
 * Use {@link LocalStack} where the real HTTP API matters.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final List<Schema> schemas = new ArrayList<>();
    private final Map<String, List<Schema>> subjects = new HashMap<>();
    private final Map<String, CompatibilityLevel> levels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private final java.util.Set<Integer> answeredIds = new java.util.HashSet<>();
    private final java.util.Set<String> answeredSubjects = new java.util.HashSet<>();
    private volatile boolean down;
    private volatile int calls;

    /**
     * Simulates an outage as a caching client sees it: while down, what was answered before (an id's schema, a
     * subject's schema id) is still answered, as the real client answers it from its cache; every other call
     * fails as an unreachable registry does (no HTTP answer).
     *
     * @param isDown whether the registry is down from now on
     */
    public void setDown(boolean isDown) {
        down = isDown;
    }

    /** @return how many calls were made (an outage's probes included) */
    public int calls() {
        return calls;
    }

    private void answerOrFail() {
        calls++;
        if (down) {
            throw new SchemaRegistryException("schema registry (in memory) is unreachable: Connection refused",
                    SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, null);
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        if (!answeredSubjects.contains(subject + "\u0000" + schema)) {
            answerOrFail();
        }
        List<Schema> versions = subjects.computeIfAbsent(subject, unused -> new ArrayList<>());
        if (versions.contains(schema)) {
            answeredSubjects.add(subject + "\u0000" + schema);
            return ids.get(schema);
        }
        CompatibilityResult result = testCompatibility(subject, schema);
        if (!result.compatible()) {
            throw new SchemaRegistryException("schema rejected as incompatible with subject " + subject
                    + " (compatibility " + getCompatibility(subject) + "): " + result.messages(), 409, 409, null);
        }
        versions.add(schema);
        answeredSubjects.add(subject + "\u0000" + schema);
        return ids.computeIfAbsent(schema, unused -> {
            schemas.add(schema);
            return schemas.size();
        });
    }

    @Override
    public synchronized Optional<Integer> lookup(String subject, Schema schema) {
        if (!answeredSubjects.contains(subject + "\u0000" + schema)) {
            answerOrFail();
        }
        List<Schema> versions = subjects.getOrDefault(subject, List.of());
        if (!versions.contains(schema)) {
            return Optional.empty();
        }
        answeredSubjects.add(subject + "\u0000" + schema);
        return Optional.of(ids.get(schema));
    }

    @Override
    public synchronized Schema getById(int id) {
        if (!answeredIds.contains(id)) {
            answerOrFail();
        }
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("schema id " + id + " is not known to the in-memory registry", 404,
                    40403, null);
        }
        answeredIds.add(id);
        return schemas.get(id - 1);
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        answerOrFail();
        List<Schema> versions = subjects.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found.", 404, 40401, null);
        }
        Schema schema = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), ids.get(schema), schema);
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        answerOrFail();
        List<Schema> versions = subjects.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return new CompatibilityResult(true, List.of());
        }
        CompatibilityLevel level = getCompatibility(subject);
        List<Schema> against = level.name().endsWith("_TRANSITIVE") ? versions
                : List.of(versions.get(versions.size() - 1));
        List<String> messages = new ArrayList<>();
        for (Schema existing : against) {
            if (level.name().startsWith("BACKWARD") || level.name().startsWith("FULL")) {
                check(schema, existing, messages);
            }
            if (level.name().startsWith("FORWARD") || level.name().startsWith("FULL")) {
                check(existing, schema, messages);
            }
        }
        return new CompatibilityResult(messages.isEmpty(), messages);
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility() {
        answerOrFail();
        return globalLevel;
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subject) {
        answerOrFail();
        return levels.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(CompatibilityLevel level) {
        answerOrFail();
        globalLevel = level;
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        answerOrFail();
        levels.put(subject, level);
    }

    private static void check(Schema reader, Schema writer, List<String> messages) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            result.getResult().getIncompatibilities().forEach(i -> messages.add(i.toString()));
        }
    }
}
