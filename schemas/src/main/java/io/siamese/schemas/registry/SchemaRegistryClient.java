package io.siamese.schemas.registry;

import java.util.Optional;

import org.apache.avro.Schema;

/**
 * The part of the Confluent schema registry API that producers, consumers and deployment checks need.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry is unreachable or answers with an
 * error other than the ones a method documents as a normal outcome. Implementations must be thread-safe.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (idempotent: the same schema gets the same id again).
     *
     * @return the global schema id
     * @throws SchemaRegistryException with status 409 when the subject's compatibility rule rejects it,
     *                                 422 when the registry finds the schema invalid
     */
    int register(String subject, Schema schema);

    /**
     * Finds the id of {@code schema} if it is already registered under {@code subject}; registers nothing.
     *
     * @return the id, or empty when the subject or the schema is not registered
     */
    Optional<Integer> lookup(String subject, Schema schema);

    /**
     * Fetches a schema by its global id.
     *
     * @throws SchemaRegistryException with status 404 when no schema has that id
     */
    Schema getById(int id);

    /**
     * Fetches the newest version of {@code subject}.
     *
     * @throws SchemaRegistryException with status 404 when the subject does not exist
     */
    RegisteredSchema latest(String subject);

    /**
     * Asks whether {@code schema} could be registered as the next version of {@code subject} under its
     * compatibility rule. A subject that does not exist yet accepts anything.
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** @return the registry-wide compatibility level */
    CompatibilityLevel getCompatibility();

    /** @return the level that applies to {@code subject}: its own when set, else the registry-wide one */
    CompatibilityLevel getCompatibility(String subject);

    /** Sets the registry-wide compatibility level. */
    void setCompatibility(CompatibilityLevel level);

    /** Sets the compatibility level of one subject, overriding the registry-wide one. */
    void setCompatibility(String subject, CompatibilityLevel level);
}
